package io.rusm.core;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.rusm.core.ProcessProbes.assertReleased;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a timer heap purges its cancelled timers: once the cancels pause, so that a storm of them
 * is purged in one pass after it, but at once when they pass twice the threshold, so that cancels
 * that never pause still cannot hold more than that. The timer thread's looks are made by hand
 * here, on a heap the timer thread does not know.
 */
class TimerShardTests {

	/** Timers in the heap: its purge threshold is then 486, twice that 972. */
	private static final int TIMERS = 1_000;

	private final TimerService service = new TimerService(null);

	private final TimerShard shard = new TimerShard(this.service);

	@AfterEach
	void stopService() {
		this.service.stop();
	}

	@Test
	void aStormOfCancelsIsPurgedOnceTheCancelsPause() {
		List<WeakReference<TimerRef>> cancelled = cancel(schedule(), 0, 600);
		long now = System.nanoTime();
		assertThat(this.shard.purgeWhenQuiet(now)).as("deferred while cancels came since the last look")
			.isEqualTo(now + Duration.ofMillis(1).toNanos());
		assertThat(this.shard.purgeWhenQuiet(System.nanoTime())).as("purged: nothing left to look at")
			.isEqualTo(Long.MAX_VALUE);
		assertReleased(cancelled, 0);
	}

	@Test
	void cancelsThatNeverPauseArePurgedOnceTheyPassTwiceTheThreshold() {
		List<TimerRef> timers = schedule();
		cancel(timers, 0, 600);
		assertThat(this.shard.purgeWhenQuiet(System.nanoTime())).isNotEqualTo(Long.MAX_VALUE);
		cancel(timers, 600, 700);
		assertThat(this.shard.purgeWhenQuiet(System.nanoTime())).as("deferred again: the cancels go on")
			.isNotEqualTo(Long.MAX_VALUE);
		assertThat(this.shard.lagging()).isFalse();
		List<WeakReference<TimerRef>> cancelled = cancel(timers, 700, TIMERS);
		timers.clear();
		assertThat(this.shard.lagging()).isTrue();
		assertThat(this.shard.purgeWhenQuiet(System.nanoTime())).as("purged at once though cancels came")
			.isEqualTo(Long.MAX_VALUE);
		assertThat(this.shard.lagging()).isFalse();
		assertReleased(cancelled, 0);
	}

	@Test
	void aHeapWithFewCancelledTimersIsNotPurged() {
		cancel(schedule(), 0, 100);
		assertThat(this.shard.purgeWhenQuiet(System.nanoTime())).isEqualTo(Long.MAX_VALUE);
	}

	private List<TimerRef> schedule() {
		long deadline = this.service.now() + Duration.ofHours(1).toNanos();
		Runnable never = () -> {
		};
		List<TimerRef> timers = new ArrayList<>();
		for (int i = 0; i < TIMERS; i++) {
			TimerRef timer = new TimerRef(this.shard, null, never, deadline);
			this.shard.add(timer);
			timers.add(timer);
		}
		return timers;
	}

	/** Cancels {@code timers[from, to)} and forgets them but for weak references. */
	private static List<WeakReference<TimerRef>> cancel(List<TimerRef> timers, int from, int to) {
		List<WeakReference<TimerRef>> cancelled = new ArrayList<>();
		for (int i = from; i < to; i++) {
			TimerRef timer = timers.set(i, null);
			assertThat(timer.cancel()).isTrue();
			cancelled.add(new WeakReference<>(timer));
		}
		return cancelled;
	}
}
