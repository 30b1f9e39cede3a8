package io.rusm.sample.plans;

import java.time.Duration;

import io.rusm.cluster.RusmCluster;
import io.rusm.core.Pid;
import io.rusm.core.Runtime;
import io.rusm.core.SpawnOptions;
import io.rusm.spring.boot.RusmHandler;
import io.rusm.spring.boot.RusmProcess;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The {@code agent-spawner} singleton of each node: it starts agents on its node when asked.
 * In cluster mode it also holds the global name {@code agent-spawner@<node>}, so that
 * {@link Plans} on any node can spread a plan's agents over the nodes, round-robin.
 *
 * @author rusm contributors
 * @since 0.1.0
 */
@Component
@RusmProcess(name = AgentSpawner.NAME, label = "spawner")
public class AgentSpawner {

	/** The local name of every node's spawner. */
	public static final String NAME = "agent-spawner";

	private final Runtime runtime;

	private final PlanNetwork network;

	/**
	 * Creates the spawner of one node.
	 * @param runtime the node's runtime
	 * @param network how agents reach the tracker
	 */
	public AgentSpawner(Runtime runtime, PlanNetwork network) {
		this.runtime = runtime;
		this.network = network;
	}

	/**
	 * The global name of a node's spawner.
	 * @param nodeName the node's name
	 * @return {@code agent-spawner@<node>}
	 */
	public static String globalName(String nodeName) {
		return NAME + "@" + nodeName;
	}

	/**
	 * Starts agents of a plan on this node, labeled {@code agent} and tagged with the plan.
	 * @param request the plan and its agents
	 * @return how many were started
	 */
	@RusmHandler
	public int spawn(SpawnAgents request) {
		SpawnOptions options = SpawnOptions.builder().label(Plans.AGENT_LABEL).tags(Plans.tag(request.planId())).build();
		for (int i = 0; i < request.agents(); i++) {
			this.runtime.spawn(options, new Agent(request.planId(), request.steps(),
					Duration.ofMillis(request.tickMillis()), this.network::tellTracker));
		}
		return request.agents();
	}

	/** Once the context is ready, publishes this node's spawner under its global name. */
	@EventListener(ApplicationReadyEvent.class)
	public void publish() {
		RusmCluster cluster = this.network.cluster();
		if (cluster != null) {
			this.runtime.whereis(NAME).ifPresent((Pid pid) -> cluster.register(globalName(cluster.nodeName()), pid));
		}
	}

	/**
	 * Asks a spawner to start agents: a call, answered with how many it started.
	 *
	 * @param planId the plan
	 * @param agents how many agents to start
	 * @param steps how many steps each works
	 * @param tickMillis how long each step takes
	 */
	public record SpawnAgents(long planId, int agents, int steps, long tickMillis) {

	}

}
