package io.rusm.core;

import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Live processes per label, kept up to date as labeled processes spawn, are relabeled and exit,
 * so the census costs one entry per label rather than a walk of the process table. Unlabeled
 * processes never touch it.
 */
final class LabelCounts {

	private final ConcurrentHashMap<String, Integer> counts = new ConcurrentHashMap<>();

	void add(String label) {
		this.counts.merge(label, 1, LabelCounts::sum);
	}

	void remove(String label) {
		this.counts.merge(label, -1, LabelCounts::sum);
	}

	private static Integer sum(Integer current, Integer delta) {
		int total = current + delta;
		return (total != 0) ? total : null;
	}

	SortedMap<String, Integer> snapshot() {
		SortedMap<String, Integer> snapshot = new TreeMap<>();
		this.counts.forEach((label, count) -> {
			if (count > 0) {
				snapshot.put(label, count);
			}
		});
		return snapshot;
	}
}
