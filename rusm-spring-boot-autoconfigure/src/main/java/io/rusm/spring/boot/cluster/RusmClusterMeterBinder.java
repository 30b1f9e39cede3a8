package io.rusm.spring.boot.cluster;

import java.util.Objects;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.rusm.cluster.RusmCluster;
import io.rusm.spring.boot.actuate.metrics.RusmMetricNames;

/**
 * Binds a cluster node's numbers to Micrometer: the number of nodes, and the messages (and
 * call requests) sent to and received from other nodes. Each meter reads the node when it is
 * measured; none asks the other nodes.
 *
 * @author rusm contributors
 * @since 0.1.0
 */
public final class RusmClusterMeterBinder implements MeterBinder {

	private final RusmCluster cluster;

	/**
	 * Creates a binder for a node.
	 * @param cluster the node to measure
	 */
	public RusmClusterMeterBinder(RusmCluster cluster) {
		this.cluster = Objects.requireNonNull(cluster, "cluster");
	}

	/**
	 * Registers the cluster meters.
	 * @param registry the registry to bind to
	 */
	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder(RusmMetricNames.CLUSTER_NODES, this.cluster, RusmCluster::nodeCount)
			.description("Nodes of the rusm cluster, as this node sees it")
			.baseUnit("nodes")
			.register(registry);
		FunctionCounter.builder(RusmMetricNames.CLUSTER_MESSAGES_SENT, this.cluster, RusmCluster::messagesSent)
			.description("Messages and call requests this node sent to processes of other nodes")
			.baseUnit("messages")
			.register(registry);
		FunctionCounter
			.builder(RusmMetricNames.CLUSTER_MESSAGES_RECEIVED, this.cluster, RusmCluster::messagesReceived)
			.description("Messages and call requests that arrived from other nodes for this node's processes")
			.baseUnit("messages")
			.register(registry);
	}

}
