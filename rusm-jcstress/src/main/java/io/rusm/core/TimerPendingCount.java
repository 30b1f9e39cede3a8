package io.rusm.core;

import java.time.Duration;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJ_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * The count of pending timers is derived from per-heap counters, one of which a schedule raises
 * with an opaque store (no fence) under its heap's lock and {@code pending()} reads without it:
 * a read racing a schedule sees 0 or 1, never a torn or negative count, and the count is exact
 * once both are done.
 */
@JCStressTest
@Description("TimerService: pending() racing a schedule")
@Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "read before the schedule counted")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "read after the schedule counted")
@Outcome(expect = FORBIDDEN, desc = "a torn, negative or lost count")
@State
public class TimerPendingCount {

	private static final Runtime RUNTIME = Runtime.builder().keepAlive(false).build();

	/** The timers' target: a process object never started (the clock never moves, nothing fires). */
	private static final Proc TARGET = new ProcessContext(RUNTIME, RUNTIME.lifecycle(), (ctx) -> {
	}, SpawnOptions.DEFAULT, false);

	private final TimerService timers = new TimerService(new ManualClock());

	private TimerRef timer;

	/** Schedules one timer. */
	@Actor
	public void schedule() {
		this.timer = this.timers.schedule(TARGET, Duration.ofHours(1).toNanos(), "tick");
	}

	/** Reads the count. */
	@Actor
	public void count(JJ_Result result) {
		result.r1 = this.timers.pending();
	}

	/** After both, the count; then the timer is cancelled so the target's list does not grow. */
	@Arbiter
	public void after(JJ_Result result) {
		result.r2 = this.timers.pending();
		this.timer.cancel();
		this.timers.stop();
	}
}
