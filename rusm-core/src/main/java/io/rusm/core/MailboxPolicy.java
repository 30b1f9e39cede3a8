package io.rusm.core;

import java.util.concurrent.atomic.LongAdder;

/**
 * What every mailbox of one runtime shares: whether depth is tracked, the capacity past which user
 * messages are shed, and the count of those shed. Handed to each process instead of the runtime,
 * so a send reads two final fields and nothing else.
 */
final class MailboxPolicy {

	final boolean trackDepth;

	final int capacity;

	private final LongAdder dropped = new LongAdder();

	/**
	 * @param trackDepth whether depth is tracked (implied by a capacity)
	 * @param capacity the capacity, or {@code 0} for unbounded mailboxes
	 */
	MailboxPolicy(boolean trackDepth, int capacity) {
		this.trackDepth = trackDepth || capacity > 0;
		this.capacity = capacity;
	}

	void countDropped() {
		this.dropped.increment();
	}

	long dropped() {
		return this.dropped.sum();
	}
}
