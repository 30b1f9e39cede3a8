package io.rusm.core;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The debounced census line: live labeled processes per label and members per process group,
 * written once changes have settled. A generation counter, not a comparison of counts, decides
 * whether to write: a spawn and an exit that net to the same counts are still activity and get a
 * line, and a quiet runtime stays silent. Exists only when the lifecycle log is at INFO or above.
 */
final class Census {

	static final Duration DEFAULT_DEBOUNCE = Duration.ofSeconds(2);

	private final Runtime runtime;

	private final long debounceNanos;

	private final AtomicLong generation = new AtomicLong();

	private final AtomicBoolean scheduled = new AtomicBoolean();

	private long written;

	Census(Runtime runtime, Duration debounce) {
		this.runtime = runtime;
		this.debounceNanos = Arguments.nanos(debounce);
	}

	/** Records a change to labels or groups, and schedules a line if none is pending. */
	void changed() {
		this.generation.incrementAndGet();
		if (this.scheduled.compareAndSet(false, true)) {
			this.runtime.timers.scheduleTask(this.debounceNanos, this::step);
		}
	}

	/** Writes the census line if anything changed since the last one. */
	synchronized void step() {
		this.scheduled.set(false);
		long current = this.generation.get();
		if (current != this.written) {
			this.written = current;
			LifecycleLog.census(this.runtime.census(), this.runtime.tagCounts());
		}
	}
}
