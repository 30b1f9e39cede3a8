package io.rusm.core;

/**
 * How much the runtime writes to its lifecycle logger {@code io.rusm.lifecycle}. {@link #ERROR} by
 * default: every crash is logged with its exception, as Erlang writes a crash report. Below the
 * level nothing is built, so an unwanted line costs nothing on the spawn and exit paths.
 *
 * @since 0.1.0
 */
public enum LogLevel {

	/** Nothing is logged. */
	OFF,

	/** Crashes, and processes still running after a shutdown. */
	ERROR,

	/** Crashes and kills. */
	WARN,

	/** Every exit and kill, kill-tag summaries and the census line. */
	INFO,

	/** Also the spawn of every labeled process. */
	DEBUG;

	/**
	 * Whether a runtime configured at this level logs an event at {@code event} level.
	 * @param event the level of the event
	 * @return whether it is logged
	 */
	public boolean includes(LogLevel event) {
		return event != OFF && ordinal() >= event.ordinal();
	}

	/**
	 * The level an exit with the given reason is logged at: clean exits at INFO, kills and
	 * shutdowns at WARN, crashes at ERROR.
	 * @param reason the exit reason
	 * @return its level
	 */
	public static LogLevel forExit(ExitReason reason) {
		if (reason instanceof ExitReason.Crashed) {
			return ERROR;
		}
		return reason.isAbnormal() ? WARN : INFO;
	}
}
