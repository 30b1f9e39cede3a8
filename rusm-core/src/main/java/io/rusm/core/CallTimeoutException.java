package io.rusm.core;

/**
 * The callee did not reply within the timeout. A late reply is discarded: it never reaches the
 * caller's mailbox.
 *
 * @since 0.1.0
 */
public final class CallTimeoutException extends CallException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception; public so that layers over the runtime (calls to other nodes) report
	 * this failure the same way.
	 * @param message what happened
	 */
	public CallTimeoutException(String message) {
		super(message);
	}
}
