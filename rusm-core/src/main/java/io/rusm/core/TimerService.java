package io.rusm.core;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's timers: a few independently locked binary heaps ordered by deadline, and one
 * thread that sleeps until the earliest deadline. No thread or task exists per timer; scheduling
 * and cancelling touch one heap under its own lock, so there is no global lock either.
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
			timer.message = null;
			return timer;
		}
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
			timer.message = null;
			return timer;
		}
		long deadline = timer.deadline;
		Shard shard = timer.shard;
		if (shard.add(timer) && this.clock == null && deadline < this.nextWake) {
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
		Object message = timer.message;
		timer.message = null;
		if (message == null) {
			return;
		}
		Proc target = timer.target;
		if (target != null) {
			target.removeTimer(timer);
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
			timer.shard.remove(timer);
			timer.message = null;
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
	 * A binary min-heap of timers by deadline, each timer knowing its index so it can be removed in
	 * logarithmic time.
	 */
	final class Shard {

		private TimerRef[] heap = new TimerRef[16];

		private int size;

		synchronized boolean add(TimerRef timer) {
			if (timer.cancelled) {
				return false;
			}
			if (this.size == this.heap.length) {
				this.heap = Arrays.copyOf(this.heap, this.size + (this.size >> 1));
			}
			siftUp(this.size++, timer);
			if (timer.target != null) {
				TimerService.this.pending.increment();
			}
			return true;
		}

		synchronized boolean remove(TimerRef timer) {
			int index = timer.heapIndex;
			if (index < 0) {
				timer.cancelled = true;
				return false;
			}
			removeAt(index);
			return true;
		}

		synchronized boolean contains(TimerRef timer) {
			return timer.heapIndex >= 0;
		}

		synchronized long headDeadline() {
			return (this.size > 0) ? this.heap[0].deadline : Long.MAX_VALUE;
		}

		synchronized @Nullable TimerRef pollDue(long now) {
			if (this.size == 0 || this.heap[0].deadline > now) {
				return null;
			}
			TimerRef head = this.heap[0];
			removeAt(0);
			return head;
		}

		synchronized void clear() {
			int userTimers = 0;
			for (int i = 0; i < this.size; i++) {
				if (this.heap[i].target != null) {
					userTimers++;
				}
				this.heap[i].heapIndex = -1;
				this.heap[i].message = null;
				this.heap[i] = null;
			}
			TimerService.this.pending.add(-userTimers);
			this.size = 0;
		}

		private void removeAt(int index) {
			TimerRef removed = this.heap[index];
			removed.heapIndex = -1;
			removed.cancelled = true;
			int last = --this.size;
			TimerRef moved = this.heap[last];
			this.heap[last] = null;
			if (last != index) {
				siftDown(index, moved);
				if (this.heap[index] == moved) {
					siftUp(index, moved);
				}
			}
			if (removed.target != null) {
				TimerService.this.pending.decrement();
			}
			if (this.heap.length > 64 && this.size < this.heap.length >> 2) {
				this.heap = Arrays.copyOf(this.heap, this.heap.length >> 1);
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
				above.heapIndex = k;
				k = parent;
			}
			this.heap[k] = timer;
			timer.heapIndex = k;
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
				smaller.heapIndex = k;
				k = child;
			}
			this.heap[k] = timer;
			timer.heapIndex = k;
		}
	}
}
