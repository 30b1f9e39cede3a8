package io.rusm.core;

import java.util.Objects;

/**
 * The identity of a process, printed the way Erlang prints one: {@code <0.N.0>}.
 *
 * <p>{@code N} is the id of the process's virtual thread, so pids are unique and increase in
 * spawn order, and a thread dump names the same number. A pid stays valid as a value after its
 * process exited: sending to it is a silent no-op, as in Erlang.
 *
 * @param id the process number, positive for processes; {@code 0} is {@link #SYSTEM}
 * @since 0.1.0
 */
public record Pid(long id) implements Comparable<Pid> {

	/** The runtime itself, the sender of the {@link ExitReason#SHUTDOWN} signal; never a live process. */
	public static final Pid SYSTEM = new Pid(0);

	/**
	 * Creates a pid, rejecting negative numbers.
	 * @param id the process number
	 */
	public Pid {
		if (id < 0) {
			throw new IllegalArgumentException("pid number must not be negative, got " + id);
		}
	}

	/**
	 * Returns the pid with the given number.
	 * @param id the process number
	 * @return the pid
	 */
	public static Pid of(long id) {
		return new Pid(id);
	}

	/**
	 * Parses a pid from its printed form {@code <0.N.0>} or from the bare number {@code N}.
	 * @param text the text to parse
	 * @return the pid
	 * @throws IllegalArgumentException if the text is neither form
	 */
	public static Pid parse(String text) {
		Objects.requireNonNull(text, "text");
		String trimmed = text.strip();
		String number = trimmed;
		if (trimmed.length() >= 6 && trimmed.startsWith("<0.") && trimmed.endsWith(".0>")) {
			number = trimmed.substring(3, trimmed.length() - 3);
		}
		if (number.isEmpty() || !number.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			throw new IllegalArgumentException(
					"malformed pid '" + text + "': expected <0.N.0> or a non-negative number N");
		}
		try {
			return new Pid(Long.parseLong(number));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("malformed pid '" + text + "': number out of range", ex);
		}
	}

	@Override
	public int compareTo(Pid other) {
		return Long.compare(this.id, other.id);
	}

	@Override
	public String toString() {
		return "<0." + this.id + ".0>";
	}
}
