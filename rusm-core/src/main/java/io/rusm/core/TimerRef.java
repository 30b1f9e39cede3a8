package io.rusm.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import org.jspecify.annotations.Nullable;

/**
 * A message scheduled by {@link Runtime#sendAfter(Pid, java.time.Duration, Object)}. It is the
 * timer's only allocation: the same object sits in the timer queue and in its target's list of
 * timers, so a million pending timers cost a million of these and nothing else.
 *
 * <p>Whoever takes the message first (the timer thread firing it, {@link #cancel()}, or the
 * target's teardown) owns the timer's end: the message is swapped out atomically, so a timer
 * fires or is cancelled, never both, and a cancel costs that swap and one counter increment. The
 * timer queue and the target's list of timers drop an ended timer lazily (see
 * {@code TimerShard} and {@code Relations}), in amortized constant time per timer.
 *
 * @since 0.1.0
 */
public final class TimerRef {

	private static final VarHandle MESSAGE;

	static {
		try {
			MESSAGE = MethodHandles.lookup().findVarHandle(TimerRef.class, "message", Object.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	final TimerShard shard;

	final @Nullable Proc target;

	/** What to deliver (or the task to run); {@code null} once fired or cancelled. */
	private volatile @Nullable Object message;

	final long deadline;

	/** The next older timer in the target's list of timers. Guarded by the target. */
	@Nullable TimerRef nextOwned;

	TimerRef(TimerShard shard, @Nullable Proc target, Object message, long deadline) {
		this.shard = shard;
		this.target = target;
		this.message = message;
		this.deadline = deadline;
	}

	/** Takes the message, ending the timer; {@code null} if it had ended already. */
	@Nullable Object take() {
		return MESSAGE.getAndSet(this, (Object) null);
	}

	/**
	 * Cancels the timer. A cancelled timer never delivers.
	 * @return {@code true} if it was still pending, {@code false} if it had fired, was cancelled
	 * already, or its target had exited
	 */
	public boolean cancel() {
		if (take() == null) {
			return false;
		}
		this.shard.cancelled();
		return true;
	}

	/**
	 * Whether the timer has neither fired nor been cancelled yet.
	 * @return whether it is pending
	 */
	public boolean isPending() {
		return this.message != null;
	}
}
