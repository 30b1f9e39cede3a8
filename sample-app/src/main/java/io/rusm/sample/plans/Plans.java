package io.rusm.sample.plans;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.rusm.core.Runtime;
import io.rusm.core.SpawnOptions;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Creates, follows and cancels plans: spawns the agent processes of a plan tagged
 * {@code plan:<id>} and labeled {@code agent}, asks the {@link PlanTracker} for their
 * progress with {@link Runtime#call call}, and cancels a plan by killing its process group
 * with {@link Runtime#killTag killTag}. In cluster mode ({@link PlanNetwork}) the agents are
 * spread over the nodes, the tracker is called by its global name, and the cancellation
 * kills the group on every node.
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

	/** The most agents alive at once, over all plans, unless configured. */
	public static final int DEFAULT_MAX_LIVE_AGENTS = 10_000;

	private final Runtime runtime;

	private final PlanNetwork network;

	private final int maxLiveAgents;

	private final Object admission = new Object();

	/**
	 * Creates the service.
	 * @param runtime the runtime the agents run on
	 * @param network where the tracker, the spawners and the agents are reached
	 * @param maxLiveAgents the most agents alive at once, over all plans
	 */
	public Plans(Runtime runtime, PlanNetwork network,
			@Value("${sample.plans.max-live-agents:" + DEFAULT_MAX_LIVE_AGENTS + "}") int maxLiveAgents) {
		this.runtime = Objects.requireNonNull(runtime, "runtime");
		this.network = Objects.requireNonNull(network, "network");
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
	 * Starts a plan: registers it with the tracker, then spawns its agents: here, or in
	 * cluster mode spread round-robin over the nodes' spawners.
	 * @param agents how many agents work on it, at least one
	 * @param work how long each agent works, positive
	 * @return the plan as just started
	 * @throws TooManyAgentsException if the agents would take this instance's live agents
	 * past the cap
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
			PlanProgress progress = this.network.callTracker(new PlanTracker.Start(agents, steps));
			long id = progress.id();
			List<String> spawners = this.network.spawners();
			if (spawners.isEmpty()) {
				SpawnOptions options = SpawnOptions.builder().label(AGENT_LABEL).tags(tag(id)).build();
				for (int i = 0; i < agents; i++) {
					this.runtime.spawn(options, new Agent(id, steps, tick, this.network::tellTracker));
				}
			}
			else {
				spread(id, agents, steps, tick, spawners);
			}
			return view(progress);
		}
	}

	/** Gives each node's spawner its share of the agents, the first nodes one more. */
	private void spread(long id, int agents, int steps, Duration tick, List<String> spawners) {
		int nodes = spawners.size();
		for (int i = 0; i < nodes && i < agents; i++) {
			int share = agents / nodes + ((i < agents % nodes) ? 1 : 0);
			this.network.spawnOn(spawners.get(i), new AgentSpawner.SpawnAgents(id, share, steps, tick.toMillis()));
		}
	}

	/**
	 * Returns the progress of a plan.
	 * @param planId the id of the plan
	 * @return its progress, or empty if there is no such plan
	 * @throws io.rusm.core.CallException if the tracker cannot be reached
	 */
	public Optional<PlanView> find(long planId) {
		PlanTracker.Lookup lookup = this.network.callTracker(new PlanTracker.Query(planId));
		return lookup.found().map(this::view);
	}

	/**
	 * Cancels a plan by killing every agent in its process group, on every node.
	 * @param planId the id of the plan
	 * @return the plan after the cancellation, with the number of agents stopped now; empty
	 * if there is no such plan
	 * @throws io.rusm.core.CallException if the tracker cannot be reached
	 */
	public Optional<Cancellation> cancel(long planId) {
		if (find(planId).isEmpty()) {
			return Optional.empty();
		}
		int stopped = this.network.killTag(tag(planId));
		PlanTracker.Lookup lookup = this.network.callTracker(new PlanTracker.Cancel(planId, stopped));
		return lookup.found().map((cancelled) -> new Cancellation(planId, tag(planId), stopped, view(cancelled)));
	}

	private PlanView view(PlanProgress progress) {
		return PlanView.of(progress, tag(progress.id()), this.network.countTag(tag(progress.id())));
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
