package io.rusm.core;

/**
 * A {@link Runtime#call(Pid, Object, java.time.Duration) call} that did not get a reply.
 *
 * @since 0.1.0
 */
public abstract sealed class CallException extends RuntimeException
		permits CallTimeoutException, NoProcessException, ProcessExitedException, MailboxFullException {

	private static final long serialVersionUID = 1L;

	CallException(String message) {
		super(message);
	}
}
