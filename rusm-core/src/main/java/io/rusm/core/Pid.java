package io.rusm.core;

import java.util.Objects;

/**
 * The identity of a process, printed the way Erlang prints one: {@code <0.N.0>} for a process of
 * this node, {@code <K.N.0>} for a process of node {@code K} in a cluster.
 *
 * <p>{@code N} is the id of the process's virtual thread, so pids are unique and increase in
 * spawn order, and a thread dump names the same number. A pid stays valid as a value after its
 * process exited: sending to it is a silent no-op, as in Erlang. Without a cluster every pid is
 * local ({@link #node()} is {@code 0}), and an operation on a pid of another node behaves as on a
 * dead one.
 *
 * @param node the node the process runs on: {@code 0} for this one, {@code K >= 1} for another
 * @param id the process number, positive for processes; {@code 0} is {@link #SYSTEM}
 * @since 0.1.0
 */
public record Pid(int node, long id) implements Comparable<Pid> {

	/** The runtime itself, the sender of the {@link ExitReason#SHUTDOWN} signal; never a live process. */
	public static final Pid SYSTEM = new Pid(0);

	/**
	 * Creates a pid, rejecting negative numbers.
	 * @param node the node number, {@code 0} for this node
	 * @param id the process number
	 */
	public Pid {
		if (node < 0) {
			throw new IllegalArgumentException("pid node must not be negative, got " + node);
		}
		if (id < 0) {
			throw new IllegalArgumentException("pid number must not be negative, got " + id);
		}
	}

	/**
	 * Creates the pid of a process of this node.
	 * @param id the process number
	 */
	public Pid(long id) {
		this(0, id);
	}

	/**
	 * Returns the pid of this node's process with the given number.
	 * @param id the process number
	 * @return the pid
	 */
	public static Pid of(long id) {
		return new Pid(id);
	}

	/**
	 * Returns the pid of process {@code id} on node {@code node}.
	 * @param node the node number, {@code 0} for this node
	 * @param id the process number
	 * @return the pid
	 */
	public static Pid of(int node, long id) {
		return new Pid(node, id);
	}

	/**
	 * Parses a pid from its printed form {@code <K.N.0>} (with {@code K = 0} for this node) or
	 * from the bare number {@code N} of a local process.
	 * @param text the text to parse
	 * @return the pid
	 * @throws IllegalArgumentException if the text is neither form
	 */
	public static Pid parse(String text) {
		Objects.requireNonNull(text, "text");
		String trimmed = text.strip();
		if (trimmed.length() >= 6 && trimmed.startsWith("<") && trimmed.endsWith(".0>")) {
			String inner = trimmed.substring(1, trimmed.length() - 3);
			int dot = inner.indexOf('.');
			if (dot > 0) {
				long node = number(inner.substring(0, dot), text);
				if (node > Integer.MAX_VALUE) {
					throw new IllegalArgumentException("malformed pid '" + text + "': node out of range");
				}
				return new Pid((int) node, number(inner.substring(dot + 1), text));
			}
		}
		return new Pid(number(trimmed, text));
	}

	private static long number(String digits, String text) {
		if (digits.isEmpty() || !digits.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			throw new IllegalArgumentException(
					"malformed pid '" + text + "': expected <0.N.0>, <K.N.0> or a non-negative number N");
		}
		try {
			return Long.parseLong(digits);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("malformed pid '" + text + "': number out of range", ex);
		}
	}

	/**
	 * Whether this is a pid of this node's runtime rather than of another node of a cluster.
	 * @return {@code true} when {@link #node()} is {@code 0}
	 */
	public boolean isLocal() {
		return this.node == 0;
	}

	@Override
	public int compareTo(Pid other) {
		int byNode = Integer.compare(this.node, other.node);
		return (byNode != 0) ? byNode : Long.compare(this.id, other.id);
	}

	@Override
	public String toString() {
		return "<" + this.node + "." + this.id + ".0>";
	}
}
