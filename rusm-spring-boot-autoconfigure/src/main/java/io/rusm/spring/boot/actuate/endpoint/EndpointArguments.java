package io.rusm.spring.boot.actuate.endpoint;

import io.rusm.core.Pid;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;

/**
 * Checks of what a caller of the {@code rusm} endpoint sends: path segments and query
 * values. Every bad value is answered {@code 400 Bad Request} with a message naming it,
 * before the runtime sees it, so that no input can make the endpoint fail with a server
 * error (or flood the log with one).
 */
final class EndpointArguments {

	/** The longest id (name, tag or label) accepted: an Erlang atom's limit. */
	static final int MAX_ID_LENGTH = 255;

	/** How much of a bad value a message repeats. */
	private static final int QUOTED_LENGTH = 40;

	private EndpointArguments() {
	}

	/**
	 * Returns an id (a name, a tag or a label) if it is not blank, holds no control
	 * character and is at most {@value #MAX_ID_LENGTH} characters long.
	 * @param value the id
	 * @param what what the id is, for the message
	 * @return the id
	 * @throws InvalidEndpointRequestException if the id is not acceptable
	 */
	static String id(String value, String what) {
		if (value.isBlank()) {
			throw invalid(what + " must not be blank", "Blank " + what);
		}
		if (value.length() > MAX_ID_LENGTH) {
			throw invalid(what + " must be at most " + MAX_ID_LENGTH + " characters long, got " + value.length(),
					"Over-long " + what);
		}
		if (value.chars().anyMatch(Character::isISOControl)) {
			throw invalid(what + " must not contain control characters, got " + quote(value),
					"Control character in " + what);
		}
		return value;
	}

	/**
	 * Returns an optional filter, checked as an {@link #id id} when it is present.
	 * @param value the filter, or {@code null}
	 * @param what the name of the query parameter
	 * @return the filter, or {@code null}
	 */
	static @Nullable String filter(@Nullable String value, String what) {
		return (value != null) ? id(value, what) : null;
	}

	/**
	 * Parses a pid given as {@code <0.N.0>} or as the bare number {@code N}.
	 * @param value the pid's text
	 * @return the pid
	 * @throws InvalidEndpointRequestException if the text is not a pid
	 */
	static Pid pid(String value) {
		if (value.length() > MAX_ID_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
			throw invalid("malformed pid " + quote(value) + ": expected <0.N.0> or a non-negative number N",
					"Malformed pid");
		}
		try {
			return Pid.parse(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidEndpointRequestException(
					"malformed pid " + quote(value) + ": expected <0.N.0> or a non-negative number N", "Malformed pid",
					ex);
		}
	}

	/**
	 * Parses an optional integer query parameter within bounds.
	 * @param value the parameter's text, or {@code null} for the default
	 * @param what the name of the query parameter
	 * @param fallback the value when the parameter is absent
	 * @param min the smallest value accepted
	 * @param max the largest value accepted
	 * @return the value
	 * @throws InvalidEndpointRequestException if the text is not an integer within bounds
	 */
	static int integer(@Nullable String value, String what, int fallback, int min, int max) {
		if (value == null) {
			return fallback;
		}
		int parsed;
		try {
			parsed = Integer.parseInt(value.strip());
		}
		catch (NumberFormatException ex) {
			throw invalid(what + " must be an integer from " + min + " to " + max + ", got " + quote(value),
					"Malformed " + what);
		}
		if (parsed < min || parsed > max) {
			throw invalid(what + " must be from " + min + " to " + max + ", got " + parsed, "Out of range " + what);
		}
		return parsed;
	}

	/**
	 * Quotes a caller's value for a message: at most {@value #QUOTED_LENGTH} characters,
	 * control characters escaped, so a message never carries a line break or a huge
	 * value.
	 * @param value the value
	 * @return the value, quoted
	 */
	static String quote(String value) {
		StringBuilder quoted = new StringBuilder("'");
		value.codePoints().limit(QUOTED_LENGTH).forEach((c) -> {
			if (Character.isISOControl(c)) {
				quoted.append(String.format("\\u%04x", c));
			}
			else {
				quoted.appendCodePoint(c);
			}
		});
		if (value.codePointCount(0, value.length()) > QUOTED_LENGTH) {
			quoted.append("...");
		}
		return quoted.append('\'').toString();
	}

	static InvalidEndpointRequestException invalid(String message, String reason) {
		return new InvalidEndpointRequestException(message, reason);
	}

}
