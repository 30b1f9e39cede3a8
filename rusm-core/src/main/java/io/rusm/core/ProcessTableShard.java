package io.rusm.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import org.jspecify.annotations.Nullable;

/**
 * One shard of the {@link ProcessTable}: an open-addressing hash table (linear probing) of process
 * objects keyed by {@link Proc#id}, written under this shard's lock and read without one.
 *
 * <p>A slot goes from empty to a process to a tombstone, never back to empty while its array is
 * in use, so a reader's probe sequence is never cut short; a process is unique, so a reader never
 * meets it twice. When the live processes and tombstones fill three quarters of the array, or the
 * live ones shrink below an eighth, the writer copies the live ones into a new array (a load of at
 * most a half) and publishes it with a volatile write: a reader still probing the old array sees
 * the table as it was a moment earlier, which is the same as if its read had come first.
 */
final class ProcessTableShard {

	private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);

	/** What a removed process leaves behind, so probes for the processes beyond it go on. */
	private static final Object TOMBSTONE = new Object();

	private static final int MIN_LENGTH = 16;

	/** The slots; replaced, never modified after, when the shard is rebuilt. */
	private volatile Object[] slots = new Object[MIN_LENGTH];

	/** Live processes; written under this shard's lock. */
	private volatile int size;

	/** Slots taken by live processes and tombstones; guarded by this shard's lock. */
	private int used;

	/** The slot's content: {@code null}, a {@link Proc} or the tombstone. */
	static @Nullable Object at(Object[] slots, int index) {
		return SLOT.getAcquire(slots, index);
	}

	Object[] slots() {
		return this.slots;
	}

	int size() {
		return this.size;
	}

	@Nullable Proc get(long id, long hash) {
		Object[] slots = this.slots;
		int mask = slots.length - 1;
		for (int i = index(hash, mask);; i = (i + 1) & mask) {
			Object slot = at(slots, i);
			if (slot == null) {
				return null;
			}
			if (slot instanceof Proc process && process.id == id) {
				return process;
			}
		}
	}

	synchronized void add(Proc process, long hash) {
		Object[] slots = this.slots;
		if ((this.used + 1) * 4 > slots.length * 3) {
			slots = rebuild(this.size + 1);
		}
		int mask = slots.length - 1;
		int i = index(hash, mask);
		while (slots[i] != null) {
			i = (i + 1) & mask;
		}
		SLOT.setRelease(slots, i, process);
		this.used++;
		this.size = this.size + 1;
	}

	synchronized void remove(Proc process, long hash) {
		Object[] slots = this.slots;
		int mask = slots.length - 1;
		for (int i = index(hash, mask);; i = (i + 1) & mask) {
			Object slot = slots[i];
			if (slot == null) {
				return;
			}
			if (slot == process) {
				SLOT.setRelease(slots, i, TOMBSTONE);
				int size = this.size - 1;
				this.size = size;
				if (slots.length > MIN_LENGTH * 4 && size * 8 < slots.length) {
					rebuild(size);
				}
				return;
			}
		}
	}

	/** Copies the live processes into a new array with room for {@code needed}; under the lock. */
	private Object[] rebuild(int needed) {
		Object[] old = this.slots;
		Object[] fresh = new Object[Math.max(MIN_LENGTH, Integer.highestOneBit(Math.max(1, needed * 2 - 1)) << 1)];
		int mask = fresh.length - 1;
		int count = 0;
		for (Object slot : old) {
			if (slot instanceof Proc process) {
				int i = index(ProcessTable.hash(process.id), mask);
				while (fresh[i] != null) {
					i = (i + 1) & mask;
				}
				fresh[i] = process;
				count++;
			}
		}
		this.used = count;
		this.slots = fresh;
		return fresh;
	}

	private static int index(long hash, int mask) {
		return (int) (hash >>> 26) & mask;
	}
}
