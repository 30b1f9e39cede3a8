package io.rusm.cluster;

/**
 * Stands for the exception a process crashed with on another node: the original stays on that
 * node (it may not even be serializable), this carries its description, so a caller there sees
 * {@code ExitReason.crashed(...)} with the same text.
 *
 * @since 0.1.0
 */
public class RemoteCrashException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param description how the remote process crashed
	 */
	public RemoteCrashException(String description) {
		super(description);
	}
}
