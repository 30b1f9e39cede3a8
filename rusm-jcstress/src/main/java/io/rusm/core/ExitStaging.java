package io.rusm.core;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.L_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Two exits are staged on a process while its body ends by itself: the first reason staged wins
 * (a compare-and-set), the body's own ending counts only if nobody staged one first, and
 * {@code join} sees that one reason.
 */
@JCStressTest
@Description("Proc: racing exits and the body's own end settle on one reason")
@Outcome(id = "normal", expect = ACCEPTABLE, desc = "the body ended before either exit was staged")
@Outcome(id = "first", expect = ACCEPTABLE, desc = "the first actor's exit won")
@Outcome(id = "second", expect = ACCEPTABLE, desc = "the second actor's exit won")
@Outcome(expect = FORBIDDEN, desc = "another reason, or none")
@State
public class ExitStaging {

	private static final Runtime RUNTIME = Runtime.create();

	private static final ExitReason FIRST = ExitReason.KILLED;

	private static final ExitReason SECOND = ExitReason.SHUTDOWN;

	private final ProcessHandle process = RUNTIME.spawn((ctx) -> {
	});

	/** Stages the first reason. */
	@Actor
	public void first() {
		RUNTIME.exit(this.process.pid(), FIRST);
	}

	/** Stages the second reason. */
	@Actor
	public void second() {
		RUNTIME.exit(this.process.pid(), SECOND);
	}

	/** The reason {@code join} reports. */
	@Arbiter
	public void after(L_Result result) {
		try {
			ExitReason reason = this.process.join();
			result.r1 = (reason == FIRST) ? "first" : (reason == SECOND) ? "second"
					: (reason == ExitReason.NORMAL) ? "normal" : reason.toString();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			result.r1 = "interrupted";
		}
	}
}
