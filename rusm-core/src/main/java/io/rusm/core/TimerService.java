package io.rusm.core;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's timers: a few independently locked binary heaps ordered by deadline, and one
 * thread that sleeps until the earliest deadline. No thread or task exists per timer; scheduling
 * touches one heap under its own lock, so there is no global lock either. Cancelling takes no
 * heap lock: it swaps the timer's message out (see {@link TimerRef}), unlinks it from its target's
 * list, and leaves it in its heap, which drops it when it reaches the head or when cancelled
 * timers pass a threshold kept between a third of the heap and all of it.
 *
 * <p>With a {@link ManualClock} there is no thread at all: timers fire when the clock is advanced.
 */
final class TimerService {

	private static final Logger logger = LoggerFactory.getLogger(TimerService.class);

	private final Shard[] shards;

	private final LongAdder pending = new LongAdder();

	private final @Nullable ManualClock clock;

	private final Object tickerLock = new Object();

	private @Nullable Thread ticker;

	/** When the ticker next wakes by itself; {@code Long.MAX_VALUE} while it is busy or idle. */
	private volatile long nextWake = Long.MAX_VALUE;

	private volatile boolean stopped;

	TimerService(@Nullable ManualClock clock) {
		this.clock = clock;
		int cores = java.lang.Runtime.getRuntime().availableProcessors();
		this.shards = new Shard[Math.max(2, Integer.highestOneBit(cores) * 2)];
		Arrays.setAll(this.shards, (index) -> new Shard());
		if (clock != null) {
			clock.attach(this);
		}
	}

	long now() {
		return (this.clock != null) ? this.clock.nanoTime() : System.nanoTime();
	}

	/** Pending {@code sendAfter} timers; the runtime's own tasks are not counted. */
	long pending() {
		return this.pending.sum();
	}

	/**
	 * Schedules {@code message} for {@code target}. A target that is gone ({@code null}) or exiting
	 * gets a timer that is not pending and never fires.
	 */
	TimerRef schedule(@Nullable Proc target, long delayNanos, Object message) {
		TimerRef timer = newTimer(target, delayNanos, (target != null) ? target.policy.carry(message) : message);
		if (this.stopped || target == null || !target.addTimer(timer)) {
			timer.take();
			return timer;
		}
		this.pending.increment();
		return enqueue(timer);
	}

	/** Runs {@code task} on the timer thread (or the advancing thread) after {@code delayNanos}. */
	TimerRef scheduleTask(long delayNanos, Runnable task) {
		return enqueue(newTimer(null, delayNanos, task));
	}

	private TimerRef newTimer(@Nullable Proc target, long delayNanos, Object message) {
		long deadline = Arguments.deadline(now(), delayNanos);
		Shard shard = this.shards[(int) Thread.currentThread().threadId() & (this.shards.length - 1)];
		return new TimerRef(shard, target, message, deadline);
	}

	private TimerRef enqueue(TimerRef timer) {
		if (this.stopped) {
			if (timer.take() != null && timer.target != null) {
				this.pending.decrement();
			}
			return timer;
		}
		timer.shard.add(timer);
		if (this.clock == null && timer.deadline < this.nextWake) {
			wakeTicker();
		}
		return timer;
	}

	/** Fires every timer due at {@code now}, earliest first; returns the next deadline. */
	long fireDue(long now) {
		for (;;) {
			Shard earliest = null;
			long earliestDeadline = Long.MAX_VALUE;
			for (Shard shard : this.shards) {
				long head = shard.headDeadline();
				if (head < earliestDeadline) {
					earliestDeadline = head;
					earliest = shard;
				}
			}
			if (earliest == null || earliestDeadline > now) {
				return earliestDeadline;
			}
			TimerRef due = earliest.pollDue(now);
			if (due != null) {
				fire(due);
			}
		}
	}

	private void fire(TimerRef timer) {
		Object message = timer.take();
		if (message == null) {
			timer.shard.discarded(1);
			return;
		}
		Proc target = timer.target;
		if (target != null) {
			target.removeTimer(timer);
			this.pending.decrement();
			target.deliverCarried(message);
			return;
		}
		try {
			((Runnable) message).run();
		}
		catch (RuntimeException ex) {
			logger.warn("Internal timer task failed", ex);
		}
	}

	private void wakeTicker() {
		Thread thread = this.ticker;
		if (thread == null) {
			synchronized (this.tickerLock) {
				if (this.ticker == null && !this.stopped) {
					this.ticker = Thread.ofPlatform().daemon().name("rusm-timers").start(this::tick);
				}
				return;
			}
		}
		LockSupport.unpark(thread);
	}

	private void tick() {
		while (!this.stopped) {
			this.nextWake = Long.MAX_VALUE;
			long next = fireDue(System.nanoTime());
			this.nextWake = next;
			if (next == Long.MAX_VALUE) {
				LockSupport.park(this);
			}
			else {
				LockSupport.parkNanos(this, next - System.nanoTime());
			}
		}
	}

	/** Drops timers whose target is exiting. */
	void drop(List<TimerRef> timers) {
		for (TimerRef timer : timers) {
			timer.cancel();
		}
	}

	/** Drops every pending timer and stops the timer thread. */
	void stop() {
		this.stopped = true;
		for (Shard shard : this.shards) {
			shard.clear();
		}
		if (this.clock != null) {
			this.clock.detach(this);
		}
		synchronized (this.tickerLock) {
			if (this.ticker != null) {
				LockSupport.unpark(this.ticker);
			}
		}
	}

	/**
	 * A binary min-heap of timers by deadline. Ended timers (cancelled before their deadline) stay
	 * in it until they reach the head or until they pass {@link #purgeAt}, when one linear pass
	 * removes them all: cancelling costs no heap lock and no heap operation, and the cancelled
	 * timers a heap holds never outnumber the timers it held recently.
	 */
	final class Shard {

		private static final int MIN_PURGE = 64;

		private TimerRef[] heap = new TimerRef[16];

		private int size;

		/** Ended timers still in the heap (transiently off by the few being counted). */
		private final AtomicInteger ended = new AtomicInteger();

		/**
		 * How many ended timers trigger a purge: between a third of the heap's size and its size
		 * (at least {@value #MIN_PURGE}), moved only when the heap grew or shrank by half.
		 */
		private volatile int purgeAt = MIN_PURGE;

		synchronized void add(TimerRef timer) {
			if (!timer.isPending()) {
				this.ended.decrementAndGet();
				return;
			}
			if (this.size == this.heap.length) {
				this.heap = Arrays.copyOf(this.heap, this.size + (this.size >> 1));
			}
			siftUp(this.size++, timer);
			if (this.size > 3 * this.purgeAt) {
				// Rarely (each time the heap grew by half): a volatile write on every add would cost.
				this.purgeAt = this.size >> 1;
			}
		}

		/** Counts a timer that {@link TimerRef#cancel()} ended; purges when they pass the threshold. */
		void cancelled(TimerRef timer) {
			if (timer.target != null) {
				TimerService.this.pending.decrement();
			}
			if (this.ended.incrementAndGet() > this.purgeAt) {
				purge();
			}
		}

		void discarded(int count) {
			this.ended.addAndGet(-count);
		}

		/** The earliest deadline of a timer still pending, dropping ended timers at the head. */
		synchronized long headDeadline() {
			while (this.size > 0 && !this.heap[0].isPending()) {
				removeHead();
				discarded(1);
			}
			return (this.size > 0) ? this.heap[0].deadline : Long.MAX_VALUE;
		}

		synchronized @Nullable TimerRef pollDue(long now) {
			if (this.size == 0 || this.heap[0].deadline > now) {
				return null;
			}
			TimerRef head = this.heap[0];
			removeHead();
			return head;
		}

		synchronized void clear() {
			int userTimers = 0;
			int removed = 0;
			for (int i = 0; i < this.size; i++) {
				TimerRef timer = this.heap[i];
				if (timer.take() == null) {
					removed++;
				}
				else if (timer.target != null) {
					userTimers++;
				}
				this.heap[i] = null;
			}
			TimerService.this.pending.add(-userTimers);
			discarded(removed);
			this.size = 0;
		}

		/** Removes every ended timer in one pass and rebuilds the heap. */
		private synchronized void purge() {
			if (this.ended.get() <= this.purgeAt) {
				return;
			}
			int kept = 0;
			for (int i = 0; i < this.size; i++) {
				TimerRef timer = this.heap[i];
				this.heap[i] = null;
				if (timer.isPending()) {
					this.heap[kept++] = timer;
				}
			}
			discarded(this.size - kept);
			this.size = kept;
			for (int i = (kept >>> 1) - 1; i >= 0; i--) {
				siftDown(i, this.heap[i]);
			}
			if (this.heap.length > 64 && kept < this.heap.length >> 2) {
				this.heap = Arrays.copyOf(this.heap, Math.max(64, kept * 2));
			}
			this.purgeAt = Math.max(MIN_PURGE, kept >> 1);
		}

		private void removeHead() {
			int last = --this.size;
			TimerRef moved = this.heap[last];
			this.heap[last] = null;
			if (last != 0) {
				siftDown(0, moved);
			}
			if (this.heap.length > 64 && this.size < this.heap.length >> 2) {
				this.heap = Arrays.copyOf(this.heap, this.heap.length >> 1);
			}
			int threshold = this.purgeAt;
			if (threshold > MIN_PURGE && this.size < threshold) {
				this.purgeAt = Math.max(MIN_PURGE, this.size >> 1);
			}
		}

		private void siftUp(int index, TimerRef timer) {
			int k = index;
			while (k > 0) {
				int parent = (k - 1) >>> 1;
				TimerRef above = this.heap[parent];
				if (timer.deadline >= above.deadline) {
					break;
				}
				this.heap[k] = above;
				k = parent;
			}
			this.heap[k] = timer;
		}

		private void siftDown(int index, TimerRef timer) {
			int k = index;
			int half = this.size >>> 1;
			while (k < half) {
				int child = (k << 1) + 1;
				TimerRef smaller = this.heap[child];
				int right = child + 1;
				if (right < this.size && smaller.deadline > this.heap[right].deadline) {
					child = right;
					smaller = this.heap[child];
				}
				if (timer.deadline <= smaller.deadline) {
					break;
				}
				this.heap[k] = smaller;
				k = child;
			}
			this.heap[k] = timer;
		}
	}
}
