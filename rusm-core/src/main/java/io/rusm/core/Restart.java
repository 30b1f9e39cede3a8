package io.rusm.core;

/**
 * When a {@link Supervisor} restarts a child that ended, as OTP defines it.
 *
 * @since 0.1.0
 */
public enum Restart {

	/** Always restarted. */
	PERMANENT,

	/** Restarted only after an abnormal exit other than {@link ExitReason#SHUTDOWN}. */
	TRANSIENT,

	/** Never restarted. */
	TEMPORARY;

	/**
	 * Whether a child of this type that ended with {@code reason} is restarted.
	 * @param reason how the child ended
	 * @return whether to restart it
	 */
	public boolean restarts(ExitReason reason) {
		return switch (this) {
			case PERMANENT -> true;
			case TRANSIENT -> reason.isAbnormal() && reason != ExitReason.SHUTDOWN;
			case TEMPORARY -> false;
		};
	}
}
