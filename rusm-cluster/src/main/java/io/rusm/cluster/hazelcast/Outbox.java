package io.rusm.cluster.hazelcast;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The envelopes waiting for one node, and the one thread that ships them. Senders encode their
 * envelope on their own thread and queue its bytes; the drainer, a virtual thread parked while the
 * outbox is empty, takes everything queued at that moment (up to {@code maxBatchBytes}) and ships
 * it as one batch. Batches grow with the load and need no timer: an envelope queued on an idle
 * outbox leaves at once, after the drainer's wake-up. A sender that is about to wait for an answer
 * anyway (a call, or the reply to one) skips that wake-up: on an idle outbox it ships the batch on
 * its own thread. One thread ships at a time (it holds the outbox's shipping token) and always from
 * the head of the queue, so envelopes leave in the order they were queued and each sender's order
 * holds.
 *
 * <p>The queue is bounded by {@code capacityBytes} of encoded envelopes: a sender that fills it
 * has its envelope queued and then waits until the drainer has brought the queue back under the
 * bound (as an Erlang process waits on a busy distribution port), or until the outbox closes.
 */
final class Outbox {

	private static final Logger logger = LoggerFactory.getLogger(Outbox.class);

	private static final int OPEN = 0;

	private static final int FINISHING = 1;

	private static final int DISCARDING = 2;

	private final String node;

	private final Consumer<List<byte[]>> ship;

	private final long capacityBytes;

	private final int maxBatchBytes;

	private final Queue<byte[]> queue = new ConcurrentLinkedQueue<>();

	/** Bytes queued and not yet shipped; it drops to zero only when the drainer may park. */
	private final AtomicLong queued = new AtomicLong();

	private final AtomicInteger state = new AtomicInteger(OPEN);

	/** Held by the one thread that ships, the drainer or a sender shipping on an idle outbox. */
	private final AtomicBoolean shipping = new AtomicBoolean();

	/** Senders waiting for room; read by the drainer after each batch. */
	private final AtomicInteger waiting = new AtomicInteger();

	private final ReentrantLock roomLock = new ReentrantLock();

	private final Condition room = this.roomLock.newCondition();

	private final Thread drainer;

	/**
	 * Starts the outbox of a node and its drainer.
	 * @param node the receiving node, for the drainer's name and the logs
	 * @param ship sends one batch of encoded envelopes, in order; called by one thread at a time
	 * @param capacityBytes the bytes queued beyond which a sender waits
	 * @param maxBatchBytes the bytes after which a batch is shipped and the next one begins
	 */
	Outbox(String node, Consumer<List<byte[]>> ship, long capacityBytes, int maxBatchBytes) {
		this.node = node;
		this.ship = ship;
		this.capacityBytes = capacityBytes;
		this.maxBatchBytes = maxBatchBytes;
		this.drainer = Thread.ofVirtual().name("rusm-cluster-outbox-" + node).start(this::drain);
	}

	/**
	 * Queues an encoded envelope, and waits for room if the queue is over its bound. An envelope
	 * queued on a closed outbox is dropped, as a message to a process that is gone.
	 * @param envelope the encoded envelope
	 * @param shipHereIfIdle whether the calling thread ships it itself when the outbox is idle (it
	 * is about to wait for an answer, so the drainer's wake-up would only add to that wait)
	 */
	void offer(byte[] envelope, boolean shipHereIfIdle) {
		if (this.state.get() != OPEN) {
			return;
		}
		this.queue.add(envelope);
		long now = this.queued.addAndGet(envelope.length);
		if (now == envelope.length) {
			if (shipHereIfIdle && this.shipping.compareAndSet(false, true)) {
				shipBatch();
				this.shipping.set(false);
				if (this.queued.get() != 0 || this.state.get() != OPEN) {
					LockSupport.unpark(this.drainer);
				}
				return;
			}
			LockSupport.unpark(this.drainer);
		}
		if (now > this.capacityBytes) {
			awaitRoom();
		}
	}

	private void awaitRoom() {
		this.roomLock.lock();
		try {
			this.waiting.incrementAndGet();
			while (this.queued.get() > this.capacityBytes && this.state.get() == OPEN) {
				this.room.await();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.waiting.decrementAndGet();
			this.roomLock.unlock();
		}
	}

	/**
	 * Ships until the outbox closes, parking while there is nothing to ship or another thread
	 * ships. The queue is looked at before each park because a wake-up can be lost: a sender's
	 * unpark that arrives while the drainer waits for {@link #roomLock} inside a shipment ends
	 * that wait, not the next park, and only the sender that finds the outbox idle unparks, so
	 * no other comes.
	 */
	private void drain() {
		while (drainUntilEmpty()) {
			if (this.queue.isEmpty() || this.shipping.get()) {
				LockSupport.park(this);
			}
		}
	}

	/**
	 * Ships batches until nothing is queued or a sender ships on its own thread (it wakes the
	 * drainer if more is queued after it).
	 * @return whether the outbox is still open
	 */
	private boolean drainUntilEmpty() {
		while (true) {
			if (this.state.get() == DISCARDING) {
				this.queue.clear();
				wakeWaiting();
				return false;
			}
			if (!this.shipping.compareAndSet(false, true)) {
				return true;
			}
			long left = shipBatch();
			this.shipping.set(false);
			if (left == 0) {
				if (this.state.get() == OPEN) {
					return true;
				}
				if (this.queue.isEmpty()) {
					return false;
				}
				// senders queued more after the count and before the outbox closed: ship it too
				continue;
			}
			if (this.queue.isEmpty()) {
				// a sender has queued its envelope but not yet counted it (or the reverse)
				Thread.yield();
			}
		}
	}

	/**
	 * Ships the envelopes at the head of the queue, up to a batch's size, by the thread that holds
	 * the shipping token.
	 * @return the bytes still queued
	 */
	private long shipBatch() {
		List<byte[]> batch = new ArrayList<>();
		long taken = 0;
		for (byte[] envelope; taken < this.maxBatchBytes && (envelope = this.queue.poll()) != null;) {
			batch.add(envelope);
			taken += envelope.length;
		}
		if (!batch.isEmpty()) {
			shipQuietly(batch);
		}
		long left = this.queued.addAndGet(-taken);
		if (left <= this.capacityBytes && this.waiting.get() > 0) {
			wakeWaiting();
		}
		return left;
	}

	private void shipQuietly(List<byte[]> batch) {
		try {
			this.ship.accept(batch);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not ship {} messages to node {}", batch.size(), this.node, ex);
		}
	}

	private void wakeWaiting() {
		this.roomLock.lock();
		try {
			this.room.signalAll();
		}
		finally {
			this.roomLock.unlock();
		}
	}

	/**
	 * The node left: what is queued is dropped, waiting senders return, and later envelopes are
	 * dropped.
	 */
	void discard() {
		this.state.set(DISCARDING);
		LockSupport.unpark(this.drainer);
		wakeWaiting();
	}

	/**
	 * This node leaves: what is queued is shipped, within {@code timeout}; later envelopes are
	 * dropped.
	 * @return whether the drainer shipped everything and ended in time
	 */
	boolean finish(Duration timeout) {
		this.state.compareAndSet(OPEN, FINISHING);
		LockSupport.unpark(this.drainer);
		wakeWaiting();
		try {
			return this.drainer.join(timeout);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}
}
