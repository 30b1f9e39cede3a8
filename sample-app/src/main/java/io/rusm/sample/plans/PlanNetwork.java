package io.rusm.sample.plans;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.rusm.cluster.NodeInfo;
import io.rusm.cluster.RusmCluster;
import io.rusm.core.Runtime;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Where the sample reaches its processes: this instance's runtime, or, with
 * {@code rusm.cluster.enabled=true}, the whole cluster. The tracker is then a cluster
 * singleton reached by its global name from any node, a plan's process group spans the
 * nodes, and each node's {@link AgentSpawner} holds the global name
 * {@code agent-spawner@<node>} so that a plan's agents can be spread over the nodes.
 *
 * @author rusm contributors
 * @since 0.1.0
 */
@Component
public class PlanNetwork {

	static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

	private final Runtime runtime;

	private final @Nullable RusmCluster cluster;

	/**
	 * Creates the network of one instance.
	 * @param runtime this instance's runtime
	 * @param cluster the cluster node, present in cluster mode only
	 */
	public PlanNetwork(Runtime runtime, ObjectProvider<RusmCluster> cluster) {
		this.runtime = Objects.requireNonNull(runtime, "runtime");
		this.cluster = cluster.getIfAvailable();
	}

	/**
	 * Calls the plan tracker, wherever it runs.
	 * @param <T> the type of the reply
	 * @param request what to ask
	 * @return the reply
	 */
	<T> T callTracker(Object request) {
		return (this.cluster != null) ? this.cluster.call(PlanTracker.NAME, request, CALL_TIMEOUT)
				: this.runtime.call(PlanTracker.NAME, request, CALL_TIMEOUT);
	}

	/**
	 * Sends the plan tracker a message, wherever it runs.
	 * @param message the message
	 */
	void tellTracker(Object message) {
		if (this.cluster != null) {
			this.cluster.send(PlanTracker.NAME, message);
		}
		else {
			this.runtime.sendNamed(PlanTracker.NAME, message);
		}
	}

	/**
	 * Kills a process group on every node.
	 * @param tag the tag
	 * @return how many were killed
	 */
	int killTag(String tag) {
		return (this.cluster != null) ? this.cluster.killTag(tag) : this.runtime.killTag(tag);
	}

	/**
	 * Counts the live members of a process group on every node.
	 * @param tag the tag
	 * @return how many are alive
	 */
	int countTag(String tag) {
		return (this.cluster != null) ? this.cluster.whereisTag(tag).size() : this.runtime.whereisTag(tag).size();
	}

	/**
	 * The spawners that can start agents: one per node, this instance's alone without a
	 * cluster.
	 * @return the global names of the spawners, in node order; empty without a cluster
	 */
	List<String> spawners() {
		if (this.cluster == null) {
			return List.of();
		}
		return this.cluster.nodes().stream().map(NodeInfo::name).map(AgentSpawner::globalName).toList();
	}

	/**
	 * Asks one node's spawner to start agents.
	 * @param spawner the spawner's global name
	 * @param request the agents to start
	 * @return how many it started
	 */
	int spawnOn(String spawner, AgentSpawner.SpawnAgents request) {
		return Objects.requireNonNull(this.cluster).call(spawner, request, CALL_TIMEOUT);
	}

	/**
	 * This node's cluster, if any.
	 * @return the node, or {@code null} without cluster mode
	 */
	@Nullable RusmCluster cluster() {
		return this.cluster;
	}

}
