package io.rusm.sample.plans;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

import io.rusm.core.Context;
import io.rusm.core.ProcessBody;
import io.rusm.core.Runtime;

/**
 * The body of an agent process: it works through its steps, one timer tick per step, and
 * reports each finished step to the {@link PlanTracker} (by its global name in cluster
 * mode, so an agent on any node reaches it). It exits normally after its last
 * step; a cancelled plan's agents are killed while they wait for their next tick.
 *
 * @author rusm contributors
 * @since 0.1.0
 */
final class Agent implements ProcessBody {

	private final long planId;

	private final int steps;

	private final Duration tick;

	private final Consumer<Object> tracker;

	/**
	 * Creates the body of one agent.
	 * @param planId the id of the agent's plan
	 * @param steps how many steps it works
	 * @param tick how long each step takes
	 * @param tracker sends the tracker a message, wherever it runs
	 */
	Agent(long planId, int steps, Duration tick, Consumer<Object> tracker) {
		this.planId = planId;
		this.steps = steps;
		this.tick = Objects.requireNonNull(tick, "tick");
		this.tracker = Objects.requireNonNull(tracker, "tracker");
	}

	@Override
	public void run(Context ctx) {
		Runtime runtime = ctx.runtime();
		for (int step = 1; step <= this.steps; step++) {
			runtime.sendAfter(ctx.self(), this.tick, Tick.INSTANCE);
			ctx.receive(Tick.INSTANCE::equals);
			this.tracker.accept(new PlanTracker.AgentProgress(this.planId, ctx.self(), step));
		}
	}

	/** The timer message that ends a step. */
	private enum Tick {

		INSTANCE

	}

}
