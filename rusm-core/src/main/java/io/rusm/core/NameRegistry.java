package io.rusm.core;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The name registry: name to process, one process per name, any number of names per process. A
 * name held by a process that is tearing down is as good as free: a claim replaces it atomically,
 * and {@link #holder(String)} does not see it.
 *
 * <p>The registry maps each name to its holder's pid, which is all {@link #whereis(String)} needs:
 * a lookup reads the map and nothing of the process, so a lookup costs what a
 * {@code ConcurrentHashMap} lookup costs. A holder's names are released during its teardown, before
 * its exit is reported to anyone; until then {@code whereis} still answers its pid, exactly as if
 * the lookup had happened just before the process began to exit.
 */
final class NameRegistry {

	private final ConcurrentHashMap<String, Pid> names = new ConcurrentHashMap<>();

	private final ProcessTable table;

	NameRegistry(ProcessTable table) {
		this.table = table;
	}

	/**
	 * Claims {@code name} for {@code process}, which must be in the process table.
	 * @return {@code false} if a live process holds it, or {@code process} is exiting
	 */
	boolean claim(String name, Proc process) {
		Pid pid = process.pid;
		for (;;) {
			Pid incumbent = this.names.putIfAbsent(name, pid);
			if (incumbent == null) {
				break;
			}
			if (this.table.live(incumbent) != null) {
				return false;
			}
			if (this.names.replace(name, incumbent, pid)) {
				break;
			}
		}
		if (!process.addName(name)) {
			this.names.remove(name, pid);
			return false;
		}
		return true;
	}

	/**
	 * The pid registered as {@code name}, if any; its holder may be tearing down. A hit reads the
	 * map and nothing else: see {@link #uncast(Object)}.
	 */
	Optional<Pid> whereis(String name) {
		return uncast(this.names.get(name));
	}

	/**
	 * Wraps a pid read from the map without the cast to {@code Pid} that the compiler puts on a
	 * generic value used as one: a cast reads the object's header, which for a name looked up by
	 * chance is a cache miss of its own, as costly as the lookup itself. Only the map's values
	 * come here, so the {@code Optional} holds a {@code Pid} all the same.
	 */
	@SuppressWarnings("unchecked")
	private static Optional<Pid> uncast(@Nullable Object pid) {
		return (Optional<Pid>) (Optional<?>) Optional.ofNullable(pid);
	}

	/** The live process holding {@code name}, or {@code null}. */
	@Nullable Proc holder(String name) {
		Pid pid = this.names.get(name);
		return (pid != null) ? this.table.live(pid) : null;
	}

	/** Releases {@code name}; returns whether it was registered. */
	boolean unregister(String name) {
		Pid pid = this.names.remove(name);
		if (pid == null) {
			return false;
		}
		Proc process = this.table.get(pid);
		if (process != null) {
			process.removeName(name);
		}
		return true;
	}

	/** Releases the names an exiting process held, unless someone claimed them since. */
	void release(List<String> held, Proc process) {
		for (String name : held) {
			this.names.remove(name, process.pid);
		}
	}

	/** Every name held by a live process, sorted. */
	SortedMap<String, Pid> snapshot() {
		SortedMap<String, Pid> snapshot = new TreeMap<>();
		this.names.forEach((name, pid) -> {
			if (this.table.live(pid) != null) {
				snapshot.put(name, pid);
			}
		});
		return snapshot;
	}
}
