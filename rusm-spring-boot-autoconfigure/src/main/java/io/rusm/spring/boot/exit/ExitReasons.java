package io.rusm.spring.boot.exit;

import io.rusm.core.ExitReason;

/**
 * The one text for an exit reason that the health indicator, the actuator endpoint and
 * the logs share, so that one exit reads the same everywhere.
 *
 * @author rusm contributors
 * @since 0.1.0
 */
public final class ExitReasons {

	private ExitReasons() {
	}

	/**
	 * Describes an exit reason: its kind ({@code normal}, {@code killed}, ...), and for a
	 * crash the exception's class and message, as in
	 * {@code crashed: java.lang.IllegalStateException: out of stock}.
	 * @param reason the exit reason
	 * @return the description
	 */
	public static String describe(ExitReason reason) {
		if (reason instanceof ExitReason.Crashed crashed) {
			Throwable cause = crashed.cause();
			String exception = cause.getClass().getName();
			return reason.kind() + ": " + ((cause.getMessage() != null) ? exception + ": " + cause.getMessage() : exception);
		}
		return reason.kind();
	}

}
