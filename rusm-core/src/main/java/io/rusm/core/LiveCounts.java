package io.rusm.core;

import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Live processes per key (a label, or a process group's tag), kept up to date as processes gain
 * and lose the key and exit, so a census costs one entry per key rather than a walk of the
 * process table or of the groups. A key whose count falls to zero disappears. Processes without
 * a key never touch it, and each key is its own entry of a concurrent map: no global lock.
 */
final class LiveCounts {

	private final ConcurrentHashMap<String, Integer> counts = new ConcurrentHashMap<>();

	void add(String key) {
		this.counts.merge(key, 1, LiveCounts::sum);
	}

	void remove(String key) {
		this.counts.merge(key, -1, LiveCounts::sum);
	}

	private static Integer sum(Integer current, Integer delta) {
		int total = current + delta;
		return (total != 0) ? total : null;
	}

	SortedMap<String, Integer> snapshot() {
		SortedMap<String, Integer> snapshot = new TreeMap<>();
		this.counts.forEach((key, count) -> {
			if (count > 0) {
				snapshot.put(key, count);
			}
		});
		return snapshot;
	}
}
