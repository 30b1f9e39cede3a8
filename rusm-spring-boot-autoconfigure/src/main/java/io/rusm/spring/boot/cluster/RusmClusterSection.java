package io.rusm.spring.boot.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.rusm.cluster.RusmCluster;
import io.rusm.spring.boot.actuate.endpoint.ClusterDescriptor;
import io.rusm.spring.boot.actuate.endpoint.ClusterSection;

/**
 * The cluster section of the {@code rusm} endpoint, read from a {@link RusmCluster} node. Its
 * nodes, census and process groups are asked of every node (fan-out), its names read from the
 * cluster's name map.
 *
 * @author rusm contributors
 * @since 0.1.0
 */
public final class RusmClusterSection implements ClusterSection {

	private final RusmCluster cluster;

	private final String clusterName;

	/**
	 * Creates the section of a node.
	 * @param cluster the node
	 * @param clusterName the name of its cluster
	 */
	public RusmClusterSection(RusmCluster cluster, String clusterName) {
		this.cluster = Objects.requireNonNull(cluster, "cluster");
		this.clusterName = Objects.requireNonNull(clusterName, "clusterName");
	}

	@Override
	public ClusterDescriptor describe() {
		List<ClusterDescriptor.NodeDescriptor> nodes = this.cluster.nodes()
			.stream()
			.map((node) -> new ClusterDescriptor.NodeDescriptor(node.name(), node.address(), node.local(),
					node.processes()))
			.toList();
		Map<String, ClusterDescriptor.GlobalNameDescriptor> names = new LinkedHashMap<>();
		this.cluster.registered()
			.forEach((name, pid) -> names.put(name,
					new ClusterDescriptor.GlobalNameDescriptor(pid.toString(), this.cluster.nodeNameOf(pid))));
		return new ClusterDescriptor(this.clusterName, nodes, names, this.cluster.census(), this.cluster.tagCounts());
	}

	@Override
	public int killTag(String tag) {
		return this.cluster.killTag(tag);
	}

}
