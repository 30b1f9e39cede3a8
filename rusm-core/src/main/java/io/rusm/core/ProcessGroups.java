package io.rusm.core;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Erlang {@code pg}-style process groups: tag to live members. Joining and leaving are atomic per
 * tag, so a group that empties disappears without ever losing a member joining at the same time.
 * Only tagged processes ever touch this map. Every change of membership is census activity.
 */
final class ProcessGroups {

	private final ConcurrentHashMap<String, Set<Proc>> groups = new ConcurrentHashMap<>();

	private final Census census;

	ProcessGroups(Census census) {
		this.census = census;
	}

	/**
	 * Adds {@code process} to the group {@code tag}; joining twice is harmless.
	 * @return {@code false} only if the process is exiting
	 */
	boolean join(String tag, Proc process) {
		this.groups.compute(tag, (key, members) -> {
			Set<Proc> joined = (members != null) ? members : ConcurrentHashMap.newKeySet();
			joined.add(process);
			return joined;
		});
		Boolean added = process.addTag(tag);
		if (added == null) {
			remove(tag, process);
			return false;
		}
		if (added) {
			this.census.changed();
		}
		return true;
	}

	/** Takes {@code process} out of the group {@code tag}; returns whether it was a member. */
	boolean leave(String tag, Proc process) {
		if (!process.removeTag(tag)) {
			return false;
		}
		remove(tag, process);
		this.census.changed();
		return true;
	}

	/** Takes an exiting process out of every group it held; its teardown tells the census. */
	void release(List<String> tags, Proc process) {
		for (String tag : tags) {
			remove(tag, process);
		}
	}

	private void remove(String tag, Proc process) {
		this.groups.computeIfPresent(tag, (key, members) -> {
			members.remove(process);
			return members.isEmpty() ? null : members;
		});
	}

	/** The members of {@code tag}, exiting ones included; a weakly consistent view. */
	Collection<Proc> members(String tag) {
		Set<Proc> members = this.groups.get(tag);
		return (members != null) ? members : Set.of();
	}

	/** The live members of {@code tag}, in pid order. */
	List<Pid> livePids(String tag) {
		return members(tag).stream()
			.filter((process) -> !process.isExiting())
			.map((process) -> process.pid)
			.sorted()
			.toList();
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
