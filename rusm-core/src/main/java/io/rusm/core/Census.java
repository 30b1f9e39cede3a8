package io.rusm.core;

import java.time.Duration;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * The census: live processes per label, and the debounced census line of the lifecycle log. A
 * generation counter, not a comparison of counts, decides whether to write: a spawn and an exit
 * that net to the same counts are still activity and get a line, and a quiet runtime stays
 * silent. The line is written only when the lifecycle log is at INFO or above; otherwise
 * {@link #changed()} costs nothing.
 */
final class Census {

	static final Duration DEFAULT_DEBOUNCE = Duration.ofSeconds(2);

	private final LiveCounts labels = new LiveCounts();

	/** The timers that run the debounced line; {@code null} when no line is written. */
	private final @Nullable TimerService timers;

	private final long debounceNanos;

	private final Supplier<SortedMap<String, Integer>> tagCounts;

	private final AtomicLong generation = new AtomicLong();

	private final AtomicBoolean scheduled = new AtomicBoolean();

	private long written;

	/**
	 * @param timers the timers to debounce the line with, or {@code null} to write no line
	 * @param debounce how long changes must settle before a line
	 * @param tagCounts the live members per process group, for the line
	 */
	Census(@Nullable TimerService timers, Duration debounce, Supplier<SortedMap<String, Integer>> tagCounts) {
		this.timers = timers;
		this.debounceNanos = Arguments.nanos(debounce);
		this.tagCounts = tagCounts;
	}

	/** The live count per label, which a relabelled process updates under its own lock. */
	LiveCounts labels() {
		return this.labels;
	}

	/** Labels {@code process}, moving it between label counts; {@code false} if it is exiting. */
	boolean relabel(Proc process, String label) {
		if (!process.relabel(label, this.labels)) {
			return false;
		}
		changed();
		return true;
	}

	/** Live processes per label, sorted. */
	SortedMap<String, Integer> snapshot() {
		return this.labels.snapshot();
	}

	/** Records a change to labels or groups, and schedules a line if none is pending. */
	void changed() {
		if (this.timers == null) {
			return;
		}
		this.generation.incrementAndGet();
		if (this.scheduled.compareAndSet(false, true)) {
			this.timers.scheduleTask(this.debounceNanos, this::step);
		}
	}

	/** Writes the census line if anything changed since the last one. */
	private synchronized void step() {
		this.scheduled.set(false);
		long current = this.generation.get();
		if (current != this.written) {
			this.written = current;
			LifecycleLog.census(this.labels.snapshot(), this.tagCounts.get());
		}
	}
}
