package io.rusm.core;

/**
 * The code a process runs. It owns its receive loop; returning ends the process with
 * {@link ExitReason#NORMAL}, throwing ends it with {@link ExitReason#crashed(Throwable)}.
 *
 * <p>A body that never calls a blocking runtime method ({@code receive}, {@code call},
 * {@code sleep}) or another interruptible method cannot be killed: like an OS thread spinning in a
 * loop, it has no point at which to stop.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ProcessBody {

	/**
	 * Runs the process.
	 * @param ctx the process's view of itself: its pid, its mailbox, self-service shortcuts
	 * @throws Exception anything; the process then crashes with it as cause
	 */
	void run(Context ctx) throws Exception;
}
