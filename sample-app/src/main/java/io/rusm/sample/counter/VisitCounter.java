package io.rusm.sample.counter;

import io.rusm.core.Call;
import io.rusm.core.Context;
import io.rusm.core.ProcessBody;
import io.rusm.spring.boot.RusmProcess;

import org.springframework.stereotype.Component;

/**
 * The {@code visit-counter} singleton process: counts visits, and crashes on request to
 * show supervision at work.
 * <p>
 * Unlike the {@link io.rusm.sample.plans.PlanTracker}, it implements {@link ProcessBody}
 * and owns its receive loop. The count lives in that loop, so when the process crashes
 * and its supervisor restarts it, the new incarnation starts from zero: a singleton bean
 * is fine here because it holds no state of its own.
 *
 * @author rusm contributors
 * @since 0.1.0
 */
@Component
@RusmProcess(name = VisitCounter.NAME, label = "counter")
public class VisitCounter implements ProcessBody {

	/** The name the counter is registered under. */
	public static final String NAME = "visit-counter";

	/**
	 * Creates the counter's body; each incarnation's count starts at zero in
	 * {@link #run(Context)}.
	 */
	public VisitCounter() {
	}

	/**
	 * Counts visits until a crash is requested.
	 * @param ctx the context of the running incarnation
	 */
	@Override
	public void run(Context ctx) {
		long visits = 0;
		while (true) {
			if (ctx.receive() instanceof Call call && call.request() instanceof Request request) {
				switch (request) {
					case VISIT -> call.reply(new Visits(ctx.self().toString(), ++visits));
					case READ -> call.reply(new Visits(ctx.self().toString(), visits));
					case CRASH -> throw new IllegalStateException("Crash requested after " + visits + " visits");
				}
			}
		}
	}

	/**
	 * What the counter is asked, always with a {@link io.rusm.core.Runtime#call call}.
	 *
	 * @since 0.1.0
	 */
	public enum Request {

		/** Counts a visit; answered with {@link Visits}. */
		VISIT,

		/** Reads the count; answered with {@link Visits}. */
		READ,

		/** Crashes the counter; never answered: the caller gets a ProcessExitedException. */
		CRASH

	}

	/**
	 * The count of one incarnation of the counter.
	 *
	 * @param pid the incarnation that counted, as {@code <0.N.0>}
	 * @param visits the visits it counted since it started
	 * @since 0.1.0
	 */
	public record Visits(String pid, long visits) {

	}

}
