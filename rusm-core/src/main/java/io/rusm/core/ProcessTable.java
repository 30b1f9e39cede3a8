package io.rusm.core;

import java.util.AbstractCollection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * The process table: every live process of a runtime by pid, and the spawn and exit counters. A
 * process is in the table from before its thread starts until its teardown; a pid of another node
 * is never found here, so every operation on one behaves as on a dead pid.
 *
 * <p>The table holds the process objects themselves, keyed by their {@link Proc#id}, in
 * {@value #SHARDS} independently locked open-addressing shards ({@link ProcessTableShard}): a spawn
 * is one write under its shard's lock and costs no entry object and no {@link Pid}, a lookup takes
 * no lock. An idle process costs the table one array slot (4 to 11 bytes) instead of a hash map's
 * 32-byte node and its key.
 */
final class ProcessTable {

	/** Shards, a power of two well above the number of cores, so spawns rarely meet on a lock. */
	static final int SHARDS = 64;

	private final ProcessTableShard[] shards = new ProcessTableShard[SHARDS];

	private final LongAdder spawned = new LongAdder();

	private final LongAdder finished = new LongAdder();

	ProcessTable() {
		for (int i = 0; i < SHARDS; i++) {
			this.shards[i] = new ProcessTableShard();
		}
	}

	/** Spreads consecutive ids (thread ids) over shards and slots: Fibonacci hashing. */
	static long hash(long id) {
		return id * 0x9E3779B97F4A7C15L;
	}

	private ProcessTableShard shard(long hash) {
		return this.shards[(int) (hash >>> 58)];
	}

	/** The process with {@code pid}, even one whose teardown has begun; {@code null} if none. */
	@Nullable Proc get(Pid pid) {
		return (pid.node() == 0) ? byId(pid.id()) : null;
	}

	private @Nullable Proc byId(long id) {
		long hash = hash(id);
		return shard(hash).get(id, hash);
	}

	/** The process with {@code pid} unless it is gone or tearing down. */
	@Nullable Proc live(Pid pid) {
		Proc process = get(pid);
		return (process != null && !process.isExiting()) ? process : null;
	}

	void add(Proc process) {
		long hash = hash(process.id);
		shard(hash).add(process, hash);
	}

	/** Takes out a process that never started. */
	void remove(Proc process) {
		long hash = hash(process.id);
		shard(hash).remove(process, hash);
	}

	/** Takes out a process that ended, counting it as finished. */
	void removeFinished(Proc process) {
		remove(process);
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
		long size = 0;
		for (ProcessTableShard shard : this.shards) {
			size += shard.size();
		}
		return (int) Math.min(size, Integer.MAX_VALUE);
	}

	boolean contains(Pid pid) {
		return get(pid) != null;
	}

	/** A weakly consistent view of the live processes. */
	Collection<Proc> processes() {
		return new View<>(Function.identity());
	}

	/**
	 * The live pids in no particular order: a weakly consistent, unmodifiable view, not a copy.
	 * Walking it creates the pid of a process that nobody asked for yet (once per process).
	 */
	Collection<Pid> pidView() {
		return new View<>(Proc::pid) {
			@Override
			public boolean contains(Object candidate) {
				return candidate instanceof Pid pid && ProcessTable.this.contains(pid);
			}
		};
	}

	/** The live pids in order; a snapshot. */
	List<Pid> pids() {
		List<Pid> pids = new ArrayList<>(pidView());
		pids.sort(Comparator.naturalOrder());
		return pids;
	}

	/** The process running on the calling thread, if it is one of this table's. */
	@Nullable Proc current() {
		Thread thread = Thread.currentThread();
		if (!thread.isVirtual()) {
			return null;
		}
		Proc process = byId(thread.threadId());
		return (process != null && process.thread == thread) ? process : null;
	}

	/** An unmodifiable, weakly consistent view of the table, shard by shard. */
	private class View<T> extends AbstractCollection<T> {

		private final Function<Proc, T> mapping;

		View(Function<Proc, T> mapping) {
			this.mapping = mapping;
		}

		@Override
		public int size() {
			return ProcessTable.this.size();
		}

		@Override
		public Iterator<T> iterator() {
			return new Iterator<>() {

				private int shard;

				private Object[] slots = ProcessTable.this.shards[0].slots();

				private int slot;

				private @Nullable Proc next = advance();

				private @Nullable Proc advance() {
					for (;;) {
						while (this.slot < this.slots.length) {
							if (ProcessTableShard.at(this.slots, this.slot++) instanceof Proc process) {
								return process;
							}
						}
						if (++this.shard == SHARDS) {
							return null;
						}
						this.slots = ProcessTable.this.shards[this.shard].slots();
						this.slot = 0;
					}
				}

				@Override
				public boolean hasNext() {
					return this.next != null;
				}

				@Override
				public T next() {
					Proc current = this.next;
					if (current == null) {
						throw new NoSuchElementException();
					}
					this.next = advance();
					return View.this.mapping.apply(current);
				}
			};
		}
	}
}
