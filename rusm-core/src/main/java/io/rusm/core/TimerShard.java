package io.rusm.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One of the {@link TimerService}'s heaps: a binary min-heap of timers by deadline, and the
 * counts that tell how many of them are pending. Ended timers (cancelled before their deadline)
 * stay in it until they reach the head or until they pass {@link #purgeAt}, when one linear pass
 * removes them all: cancelling costs no lock and no heap operation, and the cancelled timers a
 * heap holds never outnumber the timers it held recently.
 */
final class TimerShard {

	private static final int MIN_PURGE = 64;

	/** How long cancels must pause before a requested purge runs (unless the heap lags). */
	private static final long QUIET_NANOS = 1_000_000;

	private static final VarHandle CANCELLED;

	private static final VarHandle REMOVED_ENDED;

	private static final VarHandle PURGE_REQUESTED;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			CANCELLED = lookup.findVarHandle(TimerShard.class, "cancelled", long.class);
			REMOVED_ENDED = lookup.findVarHandle(TimerShard.class, "removedEnded", long.class);
			PURGE_REQUESTED = lookup.findVarHandle(TimerShard.class, "purgeRequested", boolean.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final TimerService service;

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

	/** {@link #cancelled} when the timer thread last deferred a purge. Timer thread only. */
	private long cancelledAtLastLook;

	TimerShard(TimerService service) {
		this.service = service;
	}

	/** Timers added and not cancelled: pending, fired, or taken by {@link #clear()}. */
	synchronized long notCancelled() {
		return this.added - this.cancelled;
	}

	synchronized void add(TimerRef timer) {
		this.added++;
		if (this.service.isStopped()) {
			if (timer.take() != null) {
				this.service.finished(1);
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
			this.service.purgeSoon(this);
		}
	}

	/** Whether cancelled timers passed twice the threshold: the timer thread lags behind. */
	boolean lagging() {
		return this.cancelled - this.removedEnded > 2L * this.purgeAt;
	}

	void droppedEnded(int count) {
		REMOVED_ENDED.getAndAdd(this, (long) count);
	}

	/**
	 * Purges if a purge was requested and no cancel came since the last look, or if the cancelled
	 * timers passed twice the threshold: a storm of cancels is then purged once, after it, rather
	 * than once for every threshold it passes, each pass competing with the cancels for memory.
	 * Called by the timer thread only.
	 * @return when to look again, or {@code Long.MAX_VALUE} if no purge waits
	 */
	long purgeWhenQuiet(long now) {
		if (!this.purgeRequested) {
			return Long.MAX_VALUE;
		}
		long seen = this.cancelled;
		if (seen != this.cancelledAtLastLook && !lagging()) {
			this.cancelledAtLastLook = seen;
			return now + QUIET_NANOS;
		}
		purge();
		return Long.MAX_VALUE;
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
		this.service.finished(userTimers);
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
