package io.rusm.cluster;

import java.util.Set;
import java.util.stream.Collectors;

import io.rusm.cluster.backend.ClusterBackend;
import io.rusm.cluster.backend.ClusterMember;

/**
 * Which nodes are alive, cached between membership changes so that looking up a name held on a
 * known node costs no extra round trip.
 */
final class NodeDirectory {

	private final ClusterBackend backend;

	private final String localNode;

	private volatile Set<String> live = Set.of();

	NodeDirectory(ClusterBackend backend, String localNode) {
		this.backend = backend;
		this.localNode = localNode;
	}

	boolean isLive(String nodeId) {
		if (this.localNode.equals(nodeId) || this.live.contains(nodeId)) {
			return true;
		}
		refresh();
		return this.live.contains(nodeId);
	}

	void refresh() {
		Set<String> members = this.backend.members().stream().map(ClusterMember::id).collect(Collectors.toSet());
		this.live = this.backend.nodes()
			.entrySet()
			.stream()
			.filter((entry) -> members.contains(entry.getKey()))
			.map((entry) -> entry.getValue().id())
			.collect(Collectors.toUnmodifiableSet());
	}
}
