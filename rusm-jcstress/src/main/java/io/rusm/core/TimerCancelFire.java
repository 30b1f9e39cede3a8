package io.rusm.core;

import java.time.Duration;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZI_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * A timer cancelled while its deadline passes (the clock advancing fires it on the advancing
 * thread) either fires or is cancelled, never both and never neither; afterwards it is not pending.
 * Cancelling takes no lock (it swaps the timer's message out), so this is the whole of its
 * exclusion against the firing side.
 */
@JCStressTest
@Description("TimerRef: cancel racing the deadline: fires xor cancelled")
@Outcome(id = "true, false, 0", expect = ACCEPTABLE, desc = "cancelled before it fired")
@Outcome(id = "false, false, 1", expect = ACCEPTABLE, desc = "fired; the cancel came too late")
@Outcome(expect = FORBIDDEN, desc = "fired and cancelled, lost, fired twice, or still pending")
@State
public class TimerCancelFire {

	private final ManualClock clock = new ManualClock();

	private final TimerService timers = new TimerService(this.clock);

	private int fired;

	private final TimerRef timer = this.timers.scheduleTask(1, () -> this.fired++);

	/** The timer's owner cancels it. */
	@Actor
	public void cancel(ZZI_Result result) {
		result.r1 = this.timer.cancel();
	}

	/** Time passes the deadline. */
	@Actor
	public void advance() {
		this.clock.advance(Duration.ofNanos(1));
	}

	/** Whether it is still pending, and how often it fired. */
	@Arbiter
	public void after(ZZI_Result result) {
		result.r2 = this.timer.isPending();
		result.r3 = this.fired;
		this.timers.stop();
	}
}
