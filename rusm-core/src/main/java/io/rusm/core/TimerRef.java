package io.rusm.core;

import org.jspecify.annotations.Nullable;

/**
 * A message scheduled by {@link Runtime#sendAfter(Pid, java.time.Duration, Object)}. It is the
 * timer's only allocation: the same object sits in the timer queue and in its target's list of
 * pending timers, so a million pending timers cost a million of these and nothing else.
 *
 * @since 0.1.0
 */
public final class TimerRef {

	final TimerService.Shard shard;

	final @Nullable Proc target;

	@Nullable Object message;

	final long deadline;

	/** Position in the shard's heap; {@code -1} when not in it. Guarded by the shard. */
	int heapIndex = -1;

	/** Set when cancelled before it reached the heap. Guarded by the shard. */
	boolean cancelled;

	/** Neighbours in the target's list of pending timers. Guarded by the target. */
	@Nullable TimerRef previousOwned;

	@Nullable TimerRef nextOwned;

	TimerRef(TimerService.Shard shard, @Nullable Proc target, Object message, long deadline) {
		this.shard = shard;
		this.target = target;
		this.message = message;
		this.deadline = deadline;
	}

	/**
	 * Cancels the timer. A cancelled timer never delivers.
	 * @return {@code true} if it was still pending, {@code false} if it had fired, was cancelled
	 * already, or its target had exited
	 */
	public boolean cancel() {
		if (!this.shard.remove(this)) {
			return false;
		}
		if (this.target != null) {
			this.target.removeTimer(this);
		}
		this.message = null;
		return true;
	}

	/**
	 * Whether the timer has neither fired nor been cancelled yet.
	 * @return whether it is pending
	 */
	public boolean isPending() {
		return this.shard.contains(this);
	}
}
