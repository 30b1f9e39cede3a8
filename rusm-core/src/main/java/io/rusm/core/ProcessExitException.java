package io.rusm.core;

import java.util.Objects;

/**
 * Thrown by the blocking calls of a process that has been told to exit (killed, taken down by a
 * link, shut down): it unwinds the body so the process can end. Catching it does not save the
 * process; every later blocking call throws again, and the process ends with {@link #reason()}.
 *
 * <p>A body may also throw it to end itself with a chosen reason, like Erlang's {@code exit/1}.
 *
 * @since 0.1.0
 */
public class ProcessExitException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient ExitReason reason;

	/**
	 * Creates the exception.
	 * @param reason the reason the process ends with
	 */
	public ProcessExitException(ExitReason reason) {
		super("process exiting: " + Objects.requireNonNull(reason, "reason").kind(), null, false, false);
		this.reason = reason;
	}

	/**
	 * Returns the reason the process ends with.
	 * @return the exit reason
	 */
	public ExitReason reason() {
		return this.reason;
	}
}
