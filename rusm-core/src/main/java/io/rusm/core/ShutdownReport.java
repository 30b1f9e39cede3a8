package io.rusm.core;

/**
 * The outcome of {@link Runtime#shutdownGracefully(java.time.Duration)}.
 *
 * @param signalled processes that were asked to stop
 * @param exitedInTime of those, how many ended before the timeout
 * @param killed how many were still running at the timeout and were killed
 * @param stillRunning of those killed, how many were still running when the shutdown returned: a
 * body that never blocks ignores a kill (see {@link Context#checkExit()}); each is logged at WARN
 * with its label, pid and where it is stuck
 * @since 0.1.0
 */
public record ShutdownReport(int signalled, int exitedInTime, int killed, int stillRunning) {

	/**
	 * A report in which every killed process ended.
	 * @param signalled processes that were asked to stop
	 * @param exitedInTime of those, how many ended before the timeout
	 * @param killed how many were still running at the timeout and were killed
	 */
	public ShutdownReport(int signalled, int exitedInTime, int killed) {
		this(signalled, exitedInTime, killed, 0);
	}
}
