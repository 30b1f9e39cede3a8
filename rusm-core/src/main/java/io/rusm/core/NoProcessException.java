package io.rusm.core;

/**
 * The callee does not exist: the pid is dead or the name is not registered.
 *
 * @since 0.1.0
 */
public final class NoProcessException extends CallException {

	private static final long serialVersionUID = 1L;

	NoProcessException(String message) {
		super(message);
	}
}
