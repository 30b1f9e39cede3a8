package io.rusm.core;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

import io.rusm.core.Runtime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.rusm.core.ProcessProbes.parked;
import static io.rusm.core.OpenRuntimes.PARKED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A storm of processes that each hold names, group memberships and timers: when they are killed,
 * every table the runtime keeps is empty again.
 */
class StormTests {

	private static final int STORM = 100_000;

	private static final int GROUPS = 1_000;

	private final OpenRuntimes runtimes = new OpenRuntimes();

	@AfterEach
	void closeRuntimes() {
		this.runtimes.close();
	}

	@Test
	void killingAStormOfRegisteredTaggedTimerHoldingProcessesEmptiesEveryTable() {
		// The exit listener runs last in a teardown: once it has seen every exit, all teardowns are done.
		LongAdder tornDown = new LongAdder();
		Runtime runtime = this.runtimes.build((builder) -> builder.exitListener((exit) -> tornDown.increment()));
		for (int i = 0; i < STORM; i++) {
			SpawnOptions options = SpawnOptions.builder()
				.name("storm-" + i)
				.tags("storm", "storm:" + (i % GROUPS))
				.build();
			Pid pid = runtime.spawn(options, ((i & 1) == 0) ? PARKED : parked()).pid();
			runtime.register("alias-" + i, pid);
			runtime.sendAfter(pid, Duration.ofHours(1), "never");
		}
		assertThat(runtime.processCount()).isEqualTo(STORM);
		assertThat(runtime.registered()).hasSize(2 * STORM);
		assertThat(runtime.tagCounts()).hasSize(GROUPS + 1).containsEntry("storm", STORM);
		assertThat(runtime.pendingTimers()).isEqualTo(STORM);

		assertThat(runtime.killTag("storm")).isEqualTo(STORM);

		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> tornDown.sum() == STORM);
		assertThat(runtime.finished()).isEqualTo(STORM);
		assertThat(runtime.processCount()).isZero();
		assertThat(runtime.list()).isEmpty();
		assertThat(runtime.registered()).isEmpty();
		assertThat(runtime.whereis("storm-0")).isEmpty();
		assertThat(runtime.tagCounts()).isEmpty();
		assertThat(runtime.whereisTag("storm")).isEmpty();
		assertThat(runtime.pendingTimers()).isZero();
		assertThat(runtime.census()).isEmpty();
	}

}
