package io.rusm.core;

import java.time.Duration;

/**
 * Why a {@link Supervisor} gave up: its children needed more restarts within the period than its
 * intensity allows. The supervisor ends with {@link ExitReason#crashed(Throwable)} of this; the
 * cause is the last child's crash, if it crashed.
 *
 * @since 0.1.0
 */
public final class RestartIntensityExceededException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String childId;

	private final transient ExitReason lastExit;

	RestartIntensityExceededException(String childId, ExitReason lastExit, int maxRestarts, Duration within) {
		super("child '" + childId + "' ended (" + lastExit + ") after " + maxRestarts + " restarts within " + within
				+ "; the supervisor gives up", (lastExit instanceof ExitReason.Crashed crashed) ? crashed.cause() : null);
		this.childId = childId;
		this.lastExit = lastExit;
	}

	/**
	 * The child whose exit exceeded the intensity.
	 * @return its id
	 */
	public String getChildId() {
		return this.childId;
	}

	/**
	 * How that child last ended.
	 * @return its exit reason
	 */
	public ExitReason getLastExit() {
		return this.lastExit;
	}
}
