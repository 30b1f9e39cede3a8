package io.rusm.spring.boot;

import io.rusm.core.ExitReason;
import io.rusm.core.Pid;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of one {@link RusmProcess @RusmProcess} singleton, as shown by the actuator
 * endpoint and judged by the health indicator.
 *
 * @param name the registered name of the singleton
 * @param pid the pid of its current incarnation, or {@code null} when none is running
 * @param state what the singleton is doing
 * @param restarts how many times its supervisor restarted it
 * @param lastExit how its last incarnation ended, or {@code null} if none ended yet
 * @author rusm contributors
 * @since 0.1.0
 */
public record SingletonStatus(String name, @Nullable Pid pid, State state, int restarts,
		@Nullable ExitReason lastExit) {

	/**
	 * What a singleton is doing.
	 *
	 * @since 0.1.0
	 */
	public enum State {

		/** An incarnation is running under this application's supervisor. */
		RUNNING,

		/**
		 * No incarnation is running, but the supervisor still is: a transient or temporary
		 * singleton that ended, or one between a crash and its restart.
		 */
		EXITED,

		/**
		 * The singleton crashed more often than the restart intensity allows, or could
		 * not be started at all, and its supervisor gave up: it stays down until the
		 * application restarts.
		 */
		EXHAUSTED,

		/** The singleton was shut down with the application context. */
		STOPPED,

		/**
		 * Another application context sharing the runtime started the singleton first and
		 * supervises it; this context uses it without owning it.
		 */
		SHARED

	}

}
