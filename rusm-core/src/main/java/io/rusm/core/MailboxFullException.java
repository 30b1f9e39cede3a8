package io.rusm.core;

/**
 * The callee's mailbox is at its capacity, so the request was shed.
 *
 * @since 0.1.0
 */
public final class MailboxFullException extends CallException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception; public so that layers over the runtime (calls to other nodes) report
	 * this failure the same way.
	 * @param message what happened
	 */
	public MailboxFullException(String message) {
		super(message);
	}
}
