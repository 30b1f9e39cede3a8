package io.rusm.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

/**
 * The process table: every live process of a runtime by pid, and the spawn and exit counters. A
 * sharded map, so a spawn is one table write and a lookup takes no lock. A process is in the table
 * from before its thread starts until its teardown; a pid of another node is never found here, so
 * every operation on one behaves as on a dead pid.
 *
 * <p>A pid is the id of the process's first thread, which is how {@link #current()} finds the
 * process on it. A process woken from hibernation runs on another thread, so the table also keeps
 * such threads, each while it runs.
 */
final class ProcessTable {

	private final ConcurrentHashMap<Pid, Proc> processes = new ConcurrentHashMap<>();

	/** The processes running on a thread other than their first, by that thread. */
	private final ConcurrentHashMap<Thread, Proc> resumed = new ConcurrentHashMap<>();

	private final LongAdder spawned = new LongAdder();

	private final LongAdder finished = new LongAdder();

	/** The process with {@code pid}, even one whose teardown has begun; {@code null} if none. */
	@Nullable Proc get(Pid pid) {
		return this.processes.get(pid);
	}

	/** The process with {@code pid} unless it is gone or tearing down. */
	@Nullable Proc live(Pid pid) {
		Proc process = this.processes.get(pid);
		return (process != null && !process.isExiting()) ? process : null;
	}

	void add(Proc process) {
		this.processes.put(process.pid, process);
	}

	/** Takes out a process that never started. */
	void remove(Proc process) {
		this.processes.remove(process.pid, process);
	}

	/** Takes out a process that ended, counting it as finished. */
	void removeFinished(Proc process) {
		this.processes.remove(process.pid, process);
		this.finished.increment();
	}

	void countSpawned() {
		this.spawned.increment();
	}

	long spawned() {
		return this.spawned.sum();
	}

	long finished() {
		return this.finished.sum();
	}

	int size() {
		return this.processes.size();
	}

	boolean contains(Pid pid) {
		return this.processes.containsKey(pid);
	}

	/** A weakly consistent view of the live processes. */
	Collection<Proc> processes() {
		return this.processes.values();
	}

	/** The live pids in no particular order: a weakly consistent, unmodifiable view, not a copy. */
	Collection<Pid> pidView() {
		return Collections.unmodifiableSet(this.processes.keySet());
	}

	/** The live pids in order; a snapshot. */
	List<Pid> pids() {
		List<Pid> pids = new ArrayList<>(this.processes.keySet());
		pids.sort(Comparator.naturalOrder());
		return pids;
	}

	/** The process running on the calling thread, if it is one of this table's. */
	@Nullable Proc current() {
		Thread thread = Thread.currentThread();
		if (!thread.isVirtual()) {
			return null;
		}
		Proc process = this.processes.get(new Pid(thread.threadId()));
		if (process != null && process.runsOn(thread)) {
			return process;
		}
		return this.resumed.get(thread);
	}

	/** Records that {@code process} runs on {@code thread}, a thread other than its first. */
	void addResumed(Thread thread, Proc process) {
		this.resumed.put(thread, process);
	}

	/** Forgets {@code thread} as the thread of {@code process}, if it was not its first. */
	void removeResumed(Thread thread, Proc process) {
		if (thread.threadId() != process.pid.id()) {
			this.resumed.remove(thread, process);
		}
	}
}
