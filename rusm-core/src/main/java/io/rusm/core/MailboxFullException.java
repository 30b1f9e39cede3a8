package io.rusm.core;

/**
 * The callee's mailbox is at its capacity, so the request was shed.
 *
 * @since 0.1.0
 */
public final class MailboxFullException extends CallException {

	private static final long serialVersionUID = 1L;

	MailboxFullException(String message) {
		super(message);
	}
}
