package io.rusm.core;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Erlang {@code pg}-style process groups: tag to live members. Joining and leaving are atomic per
 * tag, so a group that empties disappears without ever losing a member joining at the same time.
 * Only tagged processes ever touch this map. Every change of membership is census activity.
 * <p>
 * A membership is recorded in three places that must agree: the member's own relations, the
 * member set of its tag, and a {@link LiveCounts} of members per tag (so {@link #counts()} costs
 * one entry per tag however many processes are tagged). Joining and leaving change all three
 * under the member's lock, the lock that guards its relations; a teardown, which closed those
 * relations under that lock first, releases the other two for exactly the tags it held.
 */
final class ProcessGroups {

	private final ConcurrentHashMap<String, Set<Proc>> groups = new ConcurrentHashMap<>();

	private final LiveCounts counts = new LiveCounts();

	private final Census census;

	ProcessGroups(Census census) {
		this.census = census;
	}

	/**
	 * Adds {@code process} to the group {@code tag}; joining twice is harmless.
	 * @return {@code false} only if the process is exiting
	 */
	boolean join(String tag, Proc process) {
		synchronized (process) {
			Boolean added = process.addTag(tag);
			if (added == null) {
				return false;
			}
			if (!added) {
				return true;
			}
			this.groups.compute(tag, (key, members) -> {
				Set<Proc> joined = (members != null) ? members : ConcurrentHashMap.newKeySet();
				joined.add(process);
				return joined;
			});
			this.counts.add(tag);
		}
		this.census.changed();
		return true;
	}

	/** Takes {@code process} out of the group {@code tag}; returns whether it was a member. */
	boolean leave(String tag, Proc process) {
		synchronized (process) {
			if (!process.removeTag(tag)) {
				return false;
			}
			remove(tag, process);
		}
		this.census.changed();
		return true;
	}

	/**
	 * Takes an exiting process out of every group it held, {@code tags} being what it held when it
	 * closed its relations; its teardown tells the census.
	 */
	void release(List<String> tags, Proc process) {
		for (String tag : tags) {
			remove(tag, process);
		}
	}

	private void remove(String tag, Proc process) {
		this.counts.remove(tag);
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

	/**
	 * Members per tag, from the live counts: a member is counted from its join until it leaves or
	 * its teardown releases its tags; a tag without members is absent.
	 */
	SortedMap<String, Integer> counts() {
		return this.counts.snapshot();
	}
}
