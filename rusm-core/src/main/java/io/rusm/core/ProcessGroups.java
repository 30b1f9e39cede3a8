package io.rusm.core;

import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Erlang {@code pg}-style process groups: tag to live members. Joining and leaving are atomic per
 * tag, so a group that empties disappears without ever losing a member joining at the same time.
 * Only tagged processes ever touch this map.
 */
final class ProcessGroups {

	private final ConcurrentHashMap<String, Set<Proc>> groups = new ConcurrentHashMap<>();

	void join(String tag, Proc process) {
		this.groups.compute(tag, (key, members) -> {
			Set<Proc> joined = (members != null) ? members : ConcurrentHashMap.newKeySet();
			joined.add(process);
			return joined;
		});
	}

	void leave(String tag, Proc process) {
		this.groups.computeIfPresent(tag, (key, members) -> {
			members.remove(process);
			return members.isEmpty() ? null : members;
		});
	}

	Set<Proc> members(String tag) {
		Set<Proc> members = this.groups.get(tag);
		return (members != null) ? members : Set.of();
	}

	/** Live members per tag; a member already tearing down is not counted. */
	SortedMap<String, Integer> counts() {
		SortedMap<String, Integer> counts = new TreeMap<>();
		this.groups.forEach((tag, members) -> {
			int live = 0;
			for (Proc member : members) {
				if (!member.isExiting()) {
					live++;
				}
			}
			if (live > 0) {
				counts.put(tag, live);
			}
		});
		return counts;
	}
}
