package io.rusm.core;

/**
 * Privileges a process may hold. A process spawns children through its {@link Context} with at
 * most its own capabilities.
 *
 * <p>Capabilities gate what a process does through its {@code Context}. {@link Context#runtime()}
 * hands out the runtime itself, whose methods are ungated: code that holds the {@link Runtime} is
 * trusted, as the host of a sandboxed guest is.
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
