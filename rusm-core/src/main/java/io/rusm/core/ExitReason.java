package io.rusm.core;

import java.util.Locale;
import java.util.Objects;

/**
 * Why a process ended: what its links and monitors observe, and what {@link ProcessHandle#join()}
 * returns.
 *
 * <p>Everything but {@link #NORMAL} is abnormal: an abnormal exit takes linked, non-trapping
 * processes down with it, carrying the same reason. A crash keeps the {@link Throwable} that caused it.
 * Use {@code switch} pattern matching to tell the cases apart:
 * <pre>{@code
 * switch (reason) {
 *     case ExitReason.Crashed crashed -> log.error("crashed", crashed.cause());
 *     case ExitReason.Standard standard -> log.info("ended: {}", standard);
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public sealed interface ExitReason permits ExitReason.Standard, ExitReason.Crashed {

	/** The body returned. */
	ExitReason NORMAL = Standard.NORMAL;

	/** The process was killed (or taken down by a link without a more specific reason). */
	ExitReason KILLED = Standard.KILLED;

	/** The process was stopped by an orderly shutdown of its supervisor or runtime. */
	ExitReason SHUTDOWN = Standard.SHUTDOWN;

	/** The process did not exist: what monitoring, or linking to, a dead pid reports. */
	ExitReason NOPROC = Standard.NOPROC;

	/**
	 * The process ran on another node of a cluster and the connection to that node was lost: what
	 * links and monitors of a process on a node that failed or left observe.
	 */
	ExitReason NOCONNECTION = Standard.NOCONNECTION;

	/**
	 * Returns the reason for a body that failed with {@code cause}.
	 * @param cause what the body threw
	 * @return a crash reason keeping the cause
	 */
	static ExitReason crashed(Throwable cause) {
		return new Crashed(cause);
	}

	/**
	 * Whether this reason is anything but {@link #NORMAL}; abnormal exits cascade over links.
	 * @return {@code true} unless this is {@code NORMAL}
	 */
	default boolean isAbnormal() {
		return this != NORMAL;
	}

	/**
	 * A short lowercase name for the kind of reason ({@code normal}, {@code killed},
	 * {@code shutdown}, {@code noproc}, {@code noconnection} or {@code crashed}), stable for metric tags and JSON.
	 * @return the kind of this reason
	 */
	String kind();

	/**
	 * The reasons that carry no data.
	 */
	enum Standard implements ExitReason {

		/** See {@link ExitReason#NORMAL}. */
		NORMAL,

		/** See {@link ExitReason#KILLED}. */
		KILLED,

		/** See {@link ExitReason#SHUTDOWN}. */
		SHUTDOWN,

		/** See {@link ExitReason#NOPROC}. */
		NOPROC,

		/** See {@link ExitReason#NOCONNECTION}. */
		NOCONNECTION;

		@Override
		public String kind() {
			return name().toLowerCase(Locale.ROOT);
		}
	}

	/**
	 * The body threw, or the process was ended with a crash reason.
	 *
	 * @param cause what was thrown
	 */
	record Crashed(Throwable cause) implements ExitReason {

		/**
		 * Creates a crash reason.
		 * @param cause what was thrown, never {@code null}
		 */
		public Crashed {
			Objects.requireNonNull(cause, "cause");
		}

		@Override
		public String kind() {
			return "crashed";
		}

		@Override
		public String toString() {
			return "crashed(" + this.cause + ")";
		}
	}
}
