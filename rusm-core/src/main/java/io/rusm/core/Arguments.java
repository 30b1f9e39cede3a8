package io.rusm.core;

import java.time.Duration;
import java.util.Objects;

/**
 * Argument checks shared by the public API, so every bad input fails the same clear way, and the
 * one piece of deadline arithmetic every timed wait uses.
 */
final class Arguments {

	private Arguments() {
	}

	/** The longest name, tag or label, as Erlang atoms stop at 255 characters. */
	static final int MAX_NAME_LENGTH = 255;

	static String name(String value, String what) {
		Objects.requireNonNull(value, what);
		if (value.isBlank()) {
			throw new IllegalArgumentException(what + " must not be blank");
		}
		if (value.length() > MAX_NAME_LENGTH) {
			throw new IllegalArgumentException(what + " must be at most " + MAX_NAME_LENGTH + " characters, got "
					+ value.length() + ": '" + value.substring(0, 20) + "…'");
		}
		return value;
	}

	static Duration nonNegative(Duration value, String what) {
		Objects.requireNonNull(value, what);
		if (value.isNegative()) {
			throw new IllegalArgumentException(what + " must not be negative, got " + value);
		}
		return value;
	}

	static Duration positive(Duration value, String what) {
		Objects.requireNonNull(value, what);
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(what + " must be positive, got " + value);
		}
		return value;
	}

	/**
	 * The {@link System#nanoTime()}-style instant {@code nanos} after {@code now}, saturating at
	 * {@link Long#MAX_VALUE} (which callers read as "no deadline").
	 */
	static long deadline(long now, long nanos) {
		long sum = now + nanos;
		return (((now ^ sum) & (nanos ^ sum)) < 0) ? Long.MAX_VALUE : sum;
	}

	static long nanos(Duration value) {
		try {
			return value.toNanos();
		}
		catch (ArithmeticException ex) {
			return Long.MAX_VALUE;
		}
	}
}
