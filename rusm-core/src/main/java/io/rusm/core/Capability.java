package io.rusm.core;

/**
 * Privileges a process may hold. A process spawns children with at most its own capabilities.
 *
 * @since 0.1.0
 */
public enum Capability {

	/**
	 * Ending other processes through {@link Context#kill(Pid)}, {@link Context#killTag(String)} and
	 * {@link Context#exit(Pid, ExitReason)}. Granted by default; without it those calls return
	 * {@code false} or {@code 0}.
	 */
	PROCESS_CONTROL
}
