package io.rusm.cluster;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import io.rusm.core.Pid;

import io.rusm.cluster.backend.PidTranslation;

/**
 * The local numbers this node gives the other nodes, as Erlang does: {@code 0} is this node, and
 * every other node id gets the next number the first time it is seen, kept for the life of this
 * node, so a remote pid prints {@code <K.N.0>} with a stable {@code K}.
 */
final class NodeNumbers implements PidTranslation {

	private static final String UNKNOWN = "unknown-node-";

	private final String localNode;

	private final Map<String, Integer> numbers = new ConcurrentHashMap<>();

	private final Map<Integer, String> ids = new ConcurrentHashMap<>();

	private final AtomicInteger next = new AtomicInteger(1);

	NodeNumbers(String localNode) {
		this.localNode = localNode;
	}

	int numberOf(String nodeId) {
		if (this.localNode.equals(nodeId)) {
			return 0;
		}
		return this.numbers.computeIfAbsent(nodeId, (id) -> {
			int number = this.next.getAndIncrement();
			this.ids.put(number, id);
			return number;
		});
	}

	/** The id of the node with local number {@code number}, if any. */
	@Nullable String nodeId(int number) {
		return (number == 0) ? this.localNode : this.ids.get(number);
	}

	@Override
	public String nodeIdOf(Pid pid) {
		String id = nodeId(pid.node());
		return (id != null) ? id : UNKNOWN + pid.node();
	}

	@Override
	public Pid pidOf(String nodeId, long id) {
		return Pid.of(numberOf(nodeId), id);
	}
}
