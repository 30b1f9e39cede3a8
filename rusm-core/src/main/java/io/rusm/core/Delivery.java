package io.rusm.core;

/**
 * What became of a message given to {@link Runtime#trySend(Pid, Object)}.
 *
 * @since 0.1.0
 */
public enum Delivery {

	/** The message is in the target's mailbox. */
	DELIVERED,

	/** The target is not alive: the message went nowhere. */
	NO_PROCESS,

	/** The target's mailbox is at its capacity: the message was shed and counted. */
	SHED
}
