package io.rusm.sample.plans;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import io.rusm.core.Runtime;
import io.rusm.core.SpawnOptions;

import org.springframework.stereotype.Service;

/**
 * Creates, follows and cancels plans: spawns the agent processes of a plan tagged
 * {@code plan:<id>} and labeled {@code agent}, asks the {@link PlanTracker} for their
 * progress with {@link Runtime#call call}, and cancels a plan by killing its process group
 * with {@link Runtime#killTag killTag}.
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

	private final Runtime runtime;

	private final AtomicLong ids = new AtomicLong();

	/**
	 * Creates the service.
	 * @param runtime the runtime the agents run on
	 */
	public Plans(Runtime runtime) {
		this.runtime = Objects.requireNonNull(runtime, "runtime");
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
	 * @throws io.rusm.core.CallException if the tracker cannot be reached
	 */
	public PlanView create(int agents, Duration work) {
		long id = this.ids.incrementAndGet();
		int steps = (int) Math.max(1, work.toMillis() / TICK.toMillis());
		Duration tick = work.dividedBy(steps);
		PlanProgress progress = this.runtime.call(PlanTracker.NAME, new PlanTracker.Start(id, agents, steps),
				CALL_TIMEOUT);
		SpawnOptions options = SpawnOptions.builder().label(AGENT_LABEL).tags(tag(id)).build();
		for (int i = 0; i < agents; i++) {
			this.runtime.spawn(options, new Agent(id, steps, tick));
		}
		return view(progress);
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
