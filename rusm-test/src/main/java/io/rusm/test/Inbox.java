package io.rusm.test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link TestProbe}'s process has received: the messages not yet taken by an
 * expectation, in arrival order, and every message it ever received, for failure messages.
 * Written by the probe's process, read by the test's thread.
 */
final class Inbox {

	/** How many received messages a failure message lists at most. */
	private static final int HISTORY_SHOWN = 20;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition arrived = this.lock.newCondition();

	private final ArrayDeque<Object> pending = new ArrayDeque<>();

	private final List<Object> history = new ArrayList<>();

	void add(Object message) {
		this.lock.lock();
		try {
			this.pending.addLast(message);
			this.history.add(message);
			this.arrived.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Takes the oldest message not taken yet, waiting up to {@code within} for one.
	 * @return the message, or {@code null} if none arrived in time
	 */
	@Nullable Object next(Duration within) {
		return take((message) -> true, within);
	}

	/**
	 * Takes the oldest message that {@code matcher} accepts, leaving the others in place, waiting up
	 * to {@code within} for one.
	 * @return the message, or {@code null} if none arrived in time
	 */
	@Nullable Object take(Predicate<Object> matcher, Duration within) {
		long remaining = within.toNanos();
		this.lock.lock();
		try {
			while (true) {
				Iterator<Object> messages = this.pending.iterator();
				while (messages.hasNext()) {
					Object message = messages.next();
					if (matcher.test(message)) {
						messages.remove();
						return message;
					}
				}
				if (remaining <= 0) {
					return null;
				}
				remaining = this.arrived.awaitNanos(remaining);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted while waiting for a message", ex);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Describes what arrived so far, for a failure message.
	 * @return the received messages, oldest first, the most recent ones if there were many
	 */
	String describeHistory() {
		this.lock.lock();
		try {
			if (this.history.isEmpty()) {
				return "nothing";
			}
			int from = Math.max(0, this.history.size() - HISTORY_SHOWN);
			String shown = this.history.subList(from, this.history.size()).toString();
			return (from == 0) ? shown : "(" + from + " older not shown) " + shown;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** A duration as people write it: {@code 3s}, {@code 0.2s}, {@code 1m}. */
	static String describe(Duration duration) {
		return duration.toString().substring(2).toLowerCase(Locale.ROOT);
	}
}
