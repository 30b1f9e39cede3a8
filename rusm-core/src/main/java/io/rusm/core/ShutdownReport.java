package io.rusm.core;

/**
 * The outcome of {@link Runtime#shutdownGracefully(java.time.Duration)}.
 *
 * @param signalled processes that were asked to stop
 * @param exitedInTime of those, how many ended before the timeout
 * @param killed how many were still running at the timeout and were killed
 * @since 0.1.0
 */
public record ShutdownReport(int signalled, int exitedInTime, int killed) {
}
