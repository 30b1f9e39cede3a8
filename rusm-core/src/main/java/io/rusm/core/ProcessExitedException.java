package io.rusm.core;

/**
 * The callee ended before it replied.
 *
 * @since 0.1.0
 */
public final class ProcessExitedException extends CallException {

	private static final long serialVersionUID = 1L;

	private final transient ExitReason reason;

	/**
	 * Creates the exception; public so that layers over the runtime (calls to other nodes) report
	 * this failure the same way.
	 * @param message what happened
	 * @param reason why the callee ended
	 */
	public ProcessExitedException(String message, ExitReason reason) {
		super(message);
		this.reason = reason;
		if (reason instanceof ExitReason.Crashed crashed) {
			initCause(crashed.cause());
		}
	}

	/**
	 * Returns why the callee ended.
	 * @return its exit reason
	 */
	public ExitReason reason() {
		return this.reason;
	}
}
