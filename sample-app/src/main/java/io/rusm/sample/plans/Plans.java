package io.rusm.sample.plans;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import io.rusm.core.Runtime;
import io.rusm.core.SpawnOptions;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Creates, follows and cancels plans: spawns the agent processes of a plan tagged
 * {@code plan:<id>} and labeled {@code agent}, asks the {@link PlanTracker} for their
 * progress with {@link Runtime#call call}, and cancels a plan by killing its process group
 * with {@link Runtime#killTag killTag}.
 * <p>
 * The sample's API is open, so the number of live agents is capped
 * ({@code sample.plans.max-live-agents}, 10,000 by default): a plan that would go past it
 * is refused, and an anonymous caller cannot spawn without bound.
 *
 * @author rusm contributors
 * @since 0.1.0
 */
@Service
public class Plans {

	/** The label of every agent process, counted by the census. */
	public static final String AGENT_LABEL = "agent";

	/** How long one step of an agent takes, unless its whole work is shorter. */
	static final Duration TICK = Duration.ofMillis(200);

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

	/** The most agents alive at once, over all plans, unless configured. */
	public static final int DEFAULT_MAX_LIVE_AGENTS = 10_000;

	private final Runtime runtime;

	private final int maxLiveAgents;

	private final AtomicLong ids = new AtomicLong();

	private final Object admission = new Object();

	/**
	 * Creates the service.
	 * @param runtime the runtime the agents run on
	 * @param maxLiveAgents the most agents alive at once, over all plans
	 */
	public Plans(Runtime runtime,
			@Value("${sample.plans.max-live-agents:" + DEFAULT_MAX_LIVE_AGENTS + "}") int maxLiveAgents) {
		this.runtime = Objects.requireNonNull(runtime, "runtime");
		if (maxLiveAgents < 1) {
			throw new IllegalArgumentException("sample.plans.max-live-agents must be at least 1, got " + maxLiveAgents);
		}
		this.maxLiveAgents = maxLiveAgents;
	}

	/**
	 * Returns the process group (tag) of a plan's agents.
	 * @param planId the id of the plan
	 * @return {@code plan:<id>}
	 */
	public static String tag(long planId) {
		return "plan:" + planId;
	}

	/**
	 * Starts a plan: registers it with the tracker, then spawns its agents.
	 * @param agents how many agents work on it, at least one
	 * @param work how long each agent works, positive
	 * @return the plan as just started
	 * @throws TooManyAgentsException if the agents would take the live agents past the
	 * cap
	 * @throws io.rusm.core.CallException if the tracker cannot be reached
	 */
	public PlanView create(int agents, Duration work) {
		int steps = (int) Math.max(1, work.toMillis() / TICK.toMillis());
		Duration tick = work.dividedBy(steps);
		synchronized (this.admission) {
			int live = this.runtime.census().getOrDefault(AGENT_LABEL, 0);
			if (live + agents > this.maxLiveAgents) {
				throw new TooManyAgentsException(agents, live, this.maxLiveAgents);
			}
			long id = this.ids.incrementAndGet();
			PlanProgress progress = this.runtime.call(PlanTracker.NAME, new PlanTracker.Start(id, agents, steps),
					CALL_TIMEOUT);
			SpawnOptions options = SpawnOptions.builder().label(AGENT_LABEL).tags(tag(id)).build();
			for (int i = 0; i < agents; i++) {
				this.runtime.spawn(options, new Agent(id, steps, tick));
			}
			return view(progress);
		}
	}

	/**
	 * Returns the progress of a plan.
	 * @param planId the id of the plan
	 * @return its progress, or empty if there is no such plan
	 * @throws io.rusm.core.CallException if the tracker cannot be reached
	 */
	public Optional<PlanView> find(long planId) {
		Optional<PlanProgress> progress = this.runtime.call(PlanTracker.NAME, new PlanTracker.Query(planId),
				CALL_TIMEOUT);
		return progress.map(this::view);
	}

	/**
	 * Cancels a plan by killing every agent in its process group.
	 * @param planId the id of the plan
	 * @return the plan after the cancellation, with the number of agents stopped now; empty
	 * if there is no such plan
	 * @throws io.rusm.core.CallException if the tracker cannot be reached
	 */
	public Optional<Cancellation> cancel(long planId) {
		if (find(planId).isEmpty()) {
			return Optional.empty();
		}
		int stopped = this.runtime.killTag(tag(planId));
		Optional<PlanProgress> progress = this.runtime.call(PlanTracker.NAME,
				new PlanTracker.Cancel(planId, stopped), CALL_TIMEOUT);
		return progress.map((cancelled) -> new Cancellation(planId, tag(planId), stopped, view(cancelled)));
	}

	private PlanView view(PlanProgress progress) {
		return PlanView.of(progress, tag(progress.id()), this.runtime.whereisTag(tag(progress.id())).size());
	}

	/**
	 * The outcome of cancelling a plan.
	 *
	 * @param id the id of the plan
	 * @param tag the process group of its agents
	 * @param stopped how many agents this cancellation killed
	 * @param plan the plan after the cancellation
	 */
	public record Cancellation(long id, String tag, int stopped, PlanView plan) {

	}

}
