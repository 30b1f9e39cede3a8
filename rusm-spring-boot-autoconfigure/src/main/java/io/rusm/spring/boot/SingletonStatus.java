package io.rusm.spring.boot;

import java.util.Locale;

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
 * @param supervisor the pid of its supervisor, or {@code null} before it was started
 * @param lastExit how its last incarnation ended, or {@code null} if none ended yet
 * @author rusm contributors
 * @since 0.1.0
 */
public record SingletonStatus(String name, @Nullable Pid pid, State state, int restarts, @Nullable Pid supervisor,
		@Nullable ExitReason lastExit) {

	/**
	 * What a singleton is doing.
	 *
	 * @since 0.1.0
	 */
	public enum State {

		/** Its supervisor was started and has not started the singleton yet. */
		STARTING,

		/** An incarnation is running. */
		RUNNING,

		/** Its last incarnation exited and its supervisor is about to restart it. */
		RESTARTING,

		/**
		 * The singleton crashed more often than the restart intensity allows, or could
		 * not be started at all, and its supervisor gave up: it stays down until the
		 * application restarts.
		 */
		EXHAUSTED,

		/**
		 * The singleton is down for good without a failure: shut down with the
		 * application context, or a transient or temporary singleton that ended.
		 */
		STOPPED;

		/**
		 * Returns the state as the endpoint shows it: its name in lower case.
		 * @return the key of the state
		 */
		public String key() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
