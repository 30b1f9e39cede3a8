package io.rusm.cluster;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

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

	private volatile Map<String, String> nodeOfMember = Map.of();

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

	/** The node that ran on a member, as last seen; {@code null} if none is known. */
	@Nullable String nodeOfMember(String memberId) {
		return this.nodeOfMember.get(memberId);
	}

	void refresh() {
		Set<String> members = this.backend.members().stream().map(ClusterMember::id).collect(Collectors.toSet());
		Map<String, NodeRecord> nodes = this.backend.nodes();
		nodes.keySet().retainAll(members);
		this.live = nodes.values()
			.stream()
			.collect(Collectors.toUnmodifiableMap(NodeRecord::id, NodeRecord::name, (first, second) -> first));
		Map<String, String> byMember = new HashMap<>(this.nodeOfMember);
		nodes.forEach((member, node) -> byMember.put(member, node.id()));
		this.nodeOfMember = Map.copyOf(byMember);
	}
}
