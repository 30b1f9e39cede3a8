package io.rusm.core;

import java.util.Arrays;
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
 * thread then removes them all in one pass and prunes the targets' lists
 * ({@link TimerShard#purge()}), once the cancels pause for a millisecond, so that a storm of
 * cancels costs one pass after it rather than several passes during it (at once when they pass
 * twice the threshold).
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
	private final TimerShard[] shards;

	/** The heap of the runtime's own tasks, which are not counted as pending. */
	private final TimerShard tasks = new TimerShard(this);

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
		this.shards = new TimerShard[Math.max(2, Integer.highestOneBit(cores) * 2)];
		Arrays.setAll(this.shards, (index) -> new TimerShard(this));
		if (clock != null) {
			clock.attach(this);
		}
	}

	long now() {
		return (this.clock != null) ? this.clock.nanoTime() : System.nanoTime();
	}

	boolean isStopped() {
		return this.stopped;
	}

	/** Counts user timers that fired, or that {@link #stop()} took. */
	void finished(long count) {
		this.finished.addAndGet(count);
	}

	/** Pending {@code sendAfter} timers; the runtime's own tasks are not counted. */
	long pending() {
		long pending = -this.finished.get();
		for (TimerShard shard : this.shards) {
			pending += shard.notCancelled();
		}
		return Math.max(0, pending);
	}

	/**
	 * Schedules {@code message} for {@code target}. A target that is gone ({@code null}) or exiting
	 * gets a timer that is not pending and never fires.
	 */
	TimerRef schedule(@Nullable Proc target, long delayNanos, Object message) {
		TimerShard shard = this.shards[(int) Thread.currentThread().threadId() & (this.shards.length - 1)];
		Object carried = (target != null) ? target.policy.carry(message) : message;
		TimerRef timer = newTimer(shard, target, delayNanos, carried);
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

	private TimerRef newTimer(TimerShard shard, @Nullable Proc target, long delayNanos, Object message) {
		return new TimerRef(shard, target, message, Arguments.deadline(now(), delayNanos));
	}

	private TimerRef enqueue(TimerRef timer) {
		TimerShard shard = timer.shard;
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
			TimerShard earliest = this.tasks;
			long earliestDeadline = this.tasks.headDeadline();
			for (TimerShard shard : this.shards) {
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
	void purgeSoon(TimerShard shard) {
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
				thread = this.ticker;
				if (thread == null) {
					if (!this.stopped) {
						this.ticker = Thread.ofPlatform().daemon().name("rusm-timers").start(this::tick);
					}
					return;
				}
			}
		}
		// Also when another caller started the ticker since this one looked: the ticker may have
		// cleared the flag and read the heaps before this caller's timer was in them, and without
		// this unpark the flag set above would silence every later wake while it sleeps.
		LockSupport.unpark(thread);
	}

	private void tick() {
		while (!this.stopped) {
			// Cleared before the heaps are read: a schedule or cancel that finds it set knows the
			// ticker reads the heaps after its change.
			this.wakePending = false;
			this.nextWake = Long.MAX_VALUE;
			long now = System.nanoTime();
			long next = this.tasks.purgeWhenQuiet(now);
			for (TimerShard shard : this.shards) {
				next = Math.min(next, shard.purgeWhenQuiet(now));
			}
			next = Math.min(next, fireDue(System.nanoTime()));
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
		for (TimerShard shard : this.shards) {
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
}
