package io.rusm.core;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The name registry: name to process, one process per name, any number of names per process. A
 * name held by a process that is tearing down is as good as free: a claim replaces it atomically,
 * and lookups do not see it.
 */
final class NameRegistry {

	private final ConcurrentHashMap<String, Proc> names = new ConcurrentHashMap<>();

	/**
	 * Claims {@code name} for {@code process}.
	 * @return {@code false} if a live process holds it, or {@code process} is exiting
	 */
	boolean claim(String name, Proc process) {
		for (;;) {
			Proc incumbent = this.names.putIfAbsent(name, process);
			if (incumbent == null) {
				break;
			}
			if (!incumbent.isExiting()) {
				return false;
			}
			if (this.names.replace(name, incumbent, process)) {
				break;
			}
		}
		if (!process.addName(name)) {
			this.names.remove(name, process);
			return false;
		}
		return true;
	}

	/** The live process holding {@code name}, or {@code null}. */
	@Nullable Proc holder(String name) {
		Proc process = this.names.get(name);
		return (process != null && !process.isExiting()) ? process : null;
	}

	/** Releases {@code name}; returns whether it was registered. */
	boolean unregister(String name) {
		Proc process = this.names.remove(name);
		if (process == null) {
			return false;
		}
		process.removeName(name);
		return true;
	}

	/** Releases the names an exiting process held, unless someone claimed them since. */
	void release(List<String> held, Proc process) {
		for (String name : held) {
			this.names.remove(name, process);
		}
	}

	/** Every name held by a live process, sorted. */
	SortedMap<String, Pid> snapshot() {
		SortedMap<String, Pid> snapshot = new TreeMap<>();
		this.names.forEach((name, process) -> {
			if (!process.isExiting()) {
				snapshot.put(name, process.pid);
			}
		});
		return snapshot;
	}
}
