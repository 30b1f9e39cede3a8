package io.rusm.cluster;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

	private volatile Set<String> live = Set.of();

	private final Map<String, String> names = new ConcurrentHashMap<>();

	private volatile Map<String, String> nodeOfMember = Map.of();

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

	/** The name of a node seen alive at some point, or its id. */
	String nameOf(String nodeId) {
		return this.names.getOrDefault(nodeId, nodeId);
	}

	/** The node that ran on a member, as last seen; {@code null} if none is known. */
	@Nullable String nodeOfMember(String memberId) {
		return this.nodeOfMember.get(memberId);
	}

	void refresh() {
		Set<String> members = this.backend.members().stream().map(ClusterMember::id).collect(Collectors.toSet());
		Map<String, NodeRecord> nodes = this.backend.nodes();
		nodes.keySet().retainAll(members);
		nodes.values().forEach((node) -> this.names.put(node.id(), node.name()));
		this.live = nodes.values().stream().map(NodeRecord::id).collect(Collectors.toUnmodifiableSet());
		Map<String, String> byMember = new HashMap<>(this.nodeOfMember);
		nodes.forEach((member, node) -> byMember.put(member, node.id()));
		this.nodeOfMember = Map.copyOf(byMember);
	}
}
