package io.rusm.cluster;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.rusm.cluster.backend.ClusterBackend;
import io.rusm.cluster.backend.ClusterMember;
import io.rusm.cluster.backend.NodeRecord;

/**
 * Which nodes are alive, cached between membership changes so that looking up a name held on a
 * known node costs no extra round trip.
 */
final class NodeDirectory {

	private final ClusterBackend backend;

	private final String localNode;

	private volatile Map<String, String> live = Map.of();

	NodeDirectory(ClusterBackend backend, String localNode) {
		this.backend = backend;
		this.localNode = localNode;
	}

	boolean isLive(String nodeId) {
		if (this.localNode.equals(nodeId) || this.live.containsKey(nodeId)) {
			return true;
		}
		refresh();
		return this.live.containsKey(nodeId);
	}

	/** The name of a live node, or its id if it is not known to be alive. */
	String nameOf(String nodeId) {
		return this.live.getOrDefault(nodeId, nodeId);
	}

	void refresh() {
		Set<String> members = this.backend.members().stream().map(ClusterMember::id).collect(Collectors.toSet());
		this.live = this.backend.nodes()
			.entrySet()
			.stream()
			.filter((entry) -> members.contains(entry.getKey()))
			.map(Map.Entry::getValue)
			.collect(Collectors.toUnmodifiableMap(NodeRecord::id, NodeRecord::name, (first, second) -> first));
	}
}
