package io.rusm.core;

/**
 * System messages the runtime puts in a mailbox, in arrival order with user messages. They are
 * never shed by a bounded mailbox, so overload can never break links, monitors or supervision.
 *
 * @since 0.1.0
 */
public sealed interface Signal permits Signal.Down, Signal.Exit {

	/**
	 * A monitored process ended (or did not exist when the monitor was set up).
	 *
	 * @param ref the monitor that fired
	 * @param pid the process that ended
	 * @param reason why it ended
	 */
	record Down(MonitorRef ref, Pid pid, ExitReason reason) implements Signal {
	}

	/**
	 * A linked process ended and this process traps exits, or the runtime asks a trapping process
	 * to stop ({@link Pid#SYSTEM} with {@link ExitReason#SHUTDOWN}).
	 *
	 * @param from the process that ended, or {@link Pid#SYSTEM}
	 * @param reason why
	 */
	record Exit(Pid from, ExitReason reason) implements Signal {
	}
}
