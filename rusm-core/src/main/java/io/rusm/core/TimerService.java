package io.rusm.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's timers: a few independently locked binary heaps ordered by deadline, and one
 * thread that sleeps until the earliest deadline. No thread or task exists per timer; scheduling
 * touches one heap under its own lock, so there is no global lock either.
 *
 * <p>Cancelling takes no lock at all: it swaps the timer's message out (see {@link TimerRef}) and
 * adds one to its heap's count of cancels. The cancelled timer stays in its heap and in its
 * target's list of timers until one of them drops it: the heap when it reaches the head, or when
 * its cancelled timers pass a threshold kept between a third of the heap and all of it; the timer
 * thread then removes them all in one pass and prunes the targets' lists ({@link Shard#purge()}).
 * Should the timer thread lag behind, the next schedule on that heap purges it itself, so memory
 * stays bounded by the timers pending recently whoever runs. Internal tasks have a heap of their
 * own, so that the user heaps' counts tell the pending {@code sendAfter} timers exactly.
 *
 * <p>With a {@link ManualClock} there is no thread at all: timers fire when the clock is advanced,
 * and the cancelling thread purges.
 */
final class TimerService {

	private static final Logger logger = LoggerFactory.getLogger(TimerService.class);

	/** Heaps of {@code sendAfter} timers, picked by the scheduling thread. */
	private final Shard[] shards;

	/** The heap of the runtime's own tasks, which are not counted as pending. */
	private final Shard tasks = new Shard();

	/** User timers fired, or taken by {@link #stop()}. */
	private final AtomicLong finished = new AtomicLong();

	private final @Nullable ManualClock clock;

	private final Object tickerLock = new Object();

	private @Nullable Thread ticker;

	/** When the ticker next wakes by itself; {@code Long.MAX_VALUE} while it is busy or idle. */
	private volatile long nextWake = Long.MAX_VALUE;

	private volatile boolean stopped;

	/** Whether the ticker was unparked and has not begun its next look at the heaps. */
	private volatile boolean wakePending;

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
		long pending = -this.finished.get();
		for (Shard shard : this.shards) {
			pending += shard.notCancelled();
		}
		return Math.max(0, pending);
	}

	/**
	 * Schedules {@code message} for {@code target}. A target that is gone ({@code null}) or exiting
	 * gets a timer that is not pending and never fires.
	 */
	TimerRef schedule(@Nullable Proc target, long delayNanos, Object message) {
		Shard shard = this.shards[(int) Thread.currentThread().threadId() & (this.shards.length - 1)];
		TimerRef timer = newTimer(shard, target, delayNanos, (target != null) ? target.policy.carry(message) : message);
		if (this.stopped || target == null || !target.addTimer(timer)) {
			timer.take();
			return timer;
		}
		return enqueue(timer);
	}

	/** Runs {@code task} on the timer thread (or the advancing thread) after {@code delayNanos}. */
	TimerRef scheduleTask(long delayNanos, Runnable task) {
		return enqueue(newTimer(this.tasks, null, delayNanos, task));
	}

	private TimerRef newTimer(Shard shard, @Nullable Proc target, long delayNanos, Object message) {
		return new TimerRef(shard, target, message, Arguments.deadline(now(), delayNanos));
	}

	private TimerRef enqueue(TimerRef timer) {
		Shard shard = timer.shard;
		shard.add(timer);
		if (this.clock == null && timer.deadline < this.nextWake) {
			wakeTicker();
		}
		if (shard.lagging()) {
			shard.purge();
		}
		return timer;
	}

	/** Fires every timer due at {@code now}, earliest first; returns the next deadline. */
	long fireDue(long now) {
		for (;;) {
			Shard earliest = this.tasks;
			long earliestDeadline = this.tasks.headDeadline();
			for (Shard shard : this.shards) {
				long head = shard.headDeadline();
				if (head < earliestDeadline) {
					earliestDeadline = head;
					earliest = shard;
				}
			}
			if (earliestDeadline > now) {
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
			timer.shard.droppedEnded(1);
			return;
		}
		Proc target = timer.target;
		if (target != null) {
			this.finished.incrementAndGet();
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

	/** Has {@code shard} purged: by the timer thread, or at once when there is none. */
	private void purgeSoon(Shard shard) {
		if (this.clock != null) {
			shard.purge();
		}
		else {
			wakeTicker();
		}
	}

	/**
	 * Has the ticker look at the heaps again: unparks it unless a wake is on its way already, so
	 * schedules made while it is busy (purging, say) cost a volatile read each, not an unpark.
	 */
	private void wakeTicker() {
		if (this.wakePending) {
			return;
		}
		this.wakePending = true;
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
			// Cleared before the heaps are read: a schedule or cancel that finds it set knows the
			// ticker reads the heaps after its change.
			this.wakePending = false;
			this.nextWake = Long.MAX_VALUE;
			this.tasks.purgeIfRequested();
			for (Shard shard : this.shards) {
				shard.purgeIfRequested();
			}
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

	/** Drops the timers of a process that is exiting: {@code newest} and the older ones it links. */
	void drop(@Nullable TimerRef newest) {
		for (TimerRef timer = newest; timer != null; timer = timer.nextOwned) {
			timer.cancel();
		}
	}

	/** Drops every pending timer and stops the timer thread. */
	void stop() {
		this.stopped = true;
		this.tasks.clear();
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
	 * A binary min-heap of timers by deadline, and the counts that tell how many of them are
	 * pending. Ended timers (cancelled before their deadline) stay in it until they reach the head
	 * or until they pass {@link #purgeAt}, when one linear pass removes them all: cancelling costs
	 * no lock and no heap operation, and the cancelled timers a heap holds never outnumber the
	 * timers it held recently.
	 */
	final class Shard {

		private static final int MIN_PURGE = 64;

		private static final VarHandle CANCELLED;

		private static final VarHandle REMOVED_ENDED;

		private static final VarHandle PURGE_REQUESTED;

		static {
			try {
				MethodHandles.Lookup lookup = MethodHandles.lookup();
				CANCELLED = lookup.findVarHandle(Shard.class, "cancelled", long.class);
				REMOVED_ENDED = lookup.findVarHandle(Shard.class, "removedEnded", long.class);
				PURGE_REQUESTED = lookup.findVarHandle(Shard.class, "purgeRequested", boolean.class);
			}
			catch (ReflectiveOperationException ex) {
				throw new ExceptionInInitializerError(ex);
			}
		}

		private TimerRef[] heap = new TimerRef[16];

		private int size;

		/** Timers ever added, pending or not. Guarded by this shard. */
		private long added;

		/** Timers ever cancelled by {@link TimerRef#cancel()}; counted without the lock. */
		private volatile long cancelled;

		/**
		 * Cancelled timers ever dropped from the heap, or never put in it: {@code cancelled} less
		 * this is the number of cancelled timers the heap holds (transiently off by the few whose
		 * cancel is not counted yet).
		 */
		private volatile long removedEnded;

		/**
		 * How many cancelled timers in the heap ask for a purge: between a third of the heap's size
		 * and its size (at least {@value #MIN_PURGE}), moved only when the heap grew or shrank by
		 * half.
		 */
		private volatile int purgeAt = MIN_PURGE;

		/** Whether a cancel asked the timer thread to purge and it has not begun yet. */
		private volatile boolean purgeRequested;

		/** Timers added and not cancelled: pending, fired, or taken by {@link #clear()}. */
		synchronized long notCancelled() {
			return this.added - this.cancelled;
		}

		synchronized void add(TimerRef timer) {
			this.added++;
			if (TimerService.this.stopped) {
				if (timer.take() != null) {
					TimerService.this.finished.incrementAndGet();
					return;
				}
			}
			if (!timer.isPending()) {
				droppedEnded(1);
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

		/**
		 * Counts a timer that {@link TimerRef#cancel()} ended; past the threshold, asks for a purge
		 * once.
		 */
		void cancelled() {
			CANCELLED.getAndAdd(this, 1L);
			requestPurgeIfDue();
		}

		private void requestPurgeIfDue() {
			if (this.cancelled - this.removedEnded > this.purgeAt && !this.purgeRequested
					&& PURGE_REQUESTED.compareAndSet(this, false, true)) {
				purgeSoon(this);
			}
		}

		/** Whether cancelled timers passed twice the threshold: the timer thread lags behind. */
		boolean lagging() {
			return this.cancelled - this.removedEnded > 2L * this.purgeAt;
		}

		void droppedEnded(int count) {
			REMOVED_ENDED.getAndAdd(this, (long) count);
		}

		void purgeIfRequested() {
			if (this.purgeRequested) {
				purge();
			}
		}

		/**
		 * The deadline at the head: no later than the earliest deadline of a timer still pending.
		 * An ended timer at the head is dropped when its deadline comes (or by a purge), not here:
		 * dropping them one by one as cancels end them would cost a sift each.
		 */
		synchronized long headDeadline() {
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
			}
			TimerService.this.finished.addAndGet(userTimers);
			droppedEnded(removed);
			this.heap = new TimerRef[16];
			this.size = 0;
		}

		/**
		 * Removes every ended timer in one pass and rebuilds the heap, then prunes the ended timers
		 * from their targets' lists, outside this shard's lock (no lock is taken while holding
		 * another).
		 */
		void purge() {
			Set<Proc> targets = Collections.newSetFromMap(new IdentityHashMap<>());
			Proc lastTarget = null;
			synchronized (this) {
				this.purgeRequested = false;
				int kept = 0;
				for (int i = 0; i < this.size; i++) {
					TimerRef timer = this.heap[i];
					this.heap[i] = null;
					if (timer.isPending()) {
						this.heap[kept++] = timer;
					}
					else if (timer.target != null && timer.target != lastTarget) {
						lastTarget = timer.target;
						targets.add(lastTarget);
					}
				}
				droppedEnded(this.size - kept);
				this.size = kept;
				for (int i = (kept >>> 1) - 1; i >= 0; i--) {
					siftDown(i, this.heap[i]);
				}
				if (this.heap.length > 64 && kept < this.heap.length >> 2) {
					this.heap = Arrays.copyOf(this.heap, Math.max(64, kept * 2));
				}
				this.purgeAt = Math.max(MIN_PURGE, kept >> 1);
			}
			for (Proc target : targets) {
				target.pruneTimers();
			}
			// Cancels counted during the pass may have seen the old threshold: ask again if needed.
			requestPurgeIfDue();
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
