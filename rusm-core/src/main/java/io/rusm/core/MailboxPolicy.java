package io.rusm.core;

import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

/**
 * What every mailbox of one runtime shares: whether depth is tracked, the capacity past which user
 * messages are shed, the count of those shed, and the context propagator if there is one. Handed
 * to each process instead of the runtime, so a send reads three final fields and nothing else.
 */
final class MailboxPolicy {

	final boolean trackDepth;

	final int capacity;

	final @Nullable ContextPropagator propagator;

	private final LongAdder dropped = new LongAdder();

	/**
	 * @param trackDepth whether depth is tracked (implied by a capacity)
	 * @param capacity the capacity, or {@code 0} for unbounded mailboxes
	 * @param propagator what carries the sender's context with each message, if anything does
	 */
	MailboxPolicy(boolean trackDepth, int capacity, @Nullable ContextPropagator propagator) {
		this.trackDepth = trackDepth || capacity > 0;
		this.capacity = capacity;
		this.propagator = propagator;
	}

	/**
	 * On the sender's thread: the message, with the thread's context if a propagator captures one.
	 */
	Object carry(Object message) {
		ContextPropagator propagator = this.propagator;
		if (propagator == null) {
			return message;
		}
		Object snapshot = propagator.capture();
		return (snapshot != null) ? new Carried(message, snapshot) : message;
	}

	void countDropped() {
		this.dropped.increment();
	}

	long dropped() {
		return this.dropped.sum();
	}
}
