package io.rusm.core;

/**
 * The callee does not exist: the pid is dead or the name is not registered.
 *
 * @since 0.1.0
 */
public final class NoProcessException extends CallException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception; public so that layers over the runtime (the cluster's global names)
	 * report a missing callee the same way.
	 * @param message what was not found
	 */
	public NoProcessException(String message) {
		super(message);
	}
}
