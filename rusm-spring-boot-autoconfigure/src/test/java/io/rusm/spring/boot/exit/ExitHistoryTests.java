package io.rusm.spring.boot.exit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.rusm.core.ExitEvent;
import io.rusm.core.ExitReason;
import io.rusm.core.Pid;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ExitHistory}.
 */
class ExitHistoryTests {

	private final AtomicLong nanos = new AtomicLong();

	private final ExitHistory history = new ExitHistory(100, Duration.ofMinutes(1), this.nanos::get);

	private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	@Test
	void recentListsCrashesFirstThenNewestFirst() {
		this.history.onExit(event(1, ExitReason.NORMAL, 1));
		this.history.onExit(event(2, ExitReason.crashed(new IllegalStateException("old crash")), 2));
		this.history.onExit(event(3, ExitReason.KILLED, 3));
		this.history.onExit(event(4, ExitReason.crashed(new IllegalArgumentException("new crash")), 4));
		assertThat(this.history.recent()).extracting((record) -> record.pid().id()).containsExactly(4L, 2L, 3L, 1L);
	}

	@Test
	void crashKeepsExceptionClassMessageAndTopOfStack() {
		IllegalStateException cause = deep(30);
		this.history.onExit(event(7, ExitReason.crashed(cause), 1));
		ExitRecord record = this.history.find(Pid.of(7)).orElseThrow();
		assertThat(record.reason()).isEqualTo("crashed");
		assertThat(record.crashed()).isTrue();
		assertThat(record.crash().exception()).isEqualTo(IllegalStateException.class.getName());
		assertThat(record.crash().message()).isEqualTo("deep");
		assertThat(record.crash().stackTrace()).hasSize(ExitRecord.STACK_DEPTH)
			.first()
			.asString()
			.contains("ExitHistoryTests.deep");
	}

	@Test
	void cleanExitHasNoCrash() {
		this.history.onExit(event(8, ExitReason.SHUTDOWN, 1));
		ExitRecord record = this.history.find(Pid.of(8)).orElseThrow();
		assertThat(record.reason()).isEqualTo("shutdown");
		assertThat(record.crash()).isNull();
		assertThat(record.names()).containsExactly("name-8");
		assertThat(record.tags()).containsExactly("tag");
		assertThat(record.label()).isEqualTo("label");
	}

	@Test
	void recordsExpireAfterTheirTimeToLive() {
		this.history.onExit(event(9, ExitReason.NORMAL, 1));
		this.nanos.addAndGet(TimeUnit.SECONDS.toNanos(59));
		assertThat(this.history.find(Pid.of(9))).isPresent();
		this.nanos.addAndGet(TimeUnit.SECONDS.toNanos(2));
		assertThat(this.history.find(Pid.of(9))).isEmpty();
		assertThat(this.history.stats().hitCount()).isEqualTo(1);
	}

	@Test
	void sizeIsBounded() {
		ExitHistory small = new ExitHistory(3, Duration.ofMinutes(1), this.nanos::get);
		for (int i = 1; i <= 20; i++) {
			small.onExit(event(i, ExitReason.NORMAL, i));
		}
		assertThat(small.size()).isLessThanOrEqualTo(3);
		assertThat(small.stats().evictionCount()).isGreaterThanOrEqualTo(17);
	}

	private static ExitEvent event(long pid, ExitReason reason, int secondsAfterStart) {
		return new ExitEvent(Pid.of(pid), "label", List.of("name-" + pid), Set.of("tag"), reason, START,
				START.plusSeconds(secondsAfterStart));
	}

	private static IllegalStateException deep(int depth) {
		return (depth == 0) ? new IllegalStateException("deep") : deep(depth - 1);
	}

}
