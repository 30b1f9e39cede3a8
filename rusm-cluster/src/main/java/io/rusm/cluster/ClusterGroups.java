package io.rusm.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import io.rusm.core.Pid;

import io.rusm.cluster.backend.ClusterBackend;
import io.rusm.cluster.backend.NodeRecord;
import io.rusm.cluster.backend.NodeRequest;
import io.rusm.cluster.backend.NodeRequest.Operation;

/**
 * Erlang's {@code pg} by fan-out: tags stay local to each node, and the cluster-wide view (members,
 * kills, counts, census) is the combination of every node's answer.
 */
final class ClusterGroups {

	/** How long a fan-out waits for every node's answer; a node that has not answered is left out. */
	private static final Duration FAN_OUT_TIMEOUT = Duration.ofSeconds(10);

	private final ClusterBackend backend;

	private final NodeNumbers numbers;

	ClusterGroups(ClusterBackend backend, NodeNumbers numbers) {
		this.backend = backend;
		this.numbers = numbers;
	}

	List<Pid> whereisTag(String tag) {
		requireTag(tag);
		Map<String, NodeRecord> nodes = this.backend.nodes();
		List<Pid> members = new ArrayList<>();
		askAll(Operation.TAG_MEMBERS, tag).forEach((memberId, answer) -> {
			NodeRecord node = nodes.get(memberId);
			if (node != null) {
				for (Object number : (List<?>) answer) {
					members.add(this.numbers.pidOf(node.id(), (Long) number));
				}
			}
		});
		members.sort(null);
		return members;
	}

	int killTag(String tag) {
		requireTag(tag);
		return askAll(Operation.KILL_TAG, tag).values().stream().mapToInt((count) -> (Integer) count).sum();
	}

	SortedMap<String, Integer> summed(Operation operation) {
		SortedMap<String, Integer> sums = new TreeMap<>();
		askAll(operation, null).values()
			.forEach((answer) -> ((Map<?, ?>) answer)
				.forEach((key, count) -> sums.merge((String) key, (Integer) count, Integer::sum)));
		return sums;
	}

	/** Every node's answer, by member id. */
	Map<String, Object> askAll(Operation operation, @Nullable String tag) {
		return this.backend.askAll(new NodeRequest(operation, tag), FAN_OUT_TIMEOUT);
	}

	private static void requireTag(String tag) {
		Objects.requireNonNull(tag, "tag");
		if (tag.isBlank()) {
			throw new IllegalArgumentException("tag must not be blank");
		}
	}
}
