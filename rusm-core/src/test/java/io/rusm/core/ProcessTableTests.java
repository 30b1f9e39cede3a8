package io.rusm.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static io.rusm.core.OpenRuntimes.PARKED;
import static io.rusm.core.ProcessProbes.ended;
import static io.rusm.core.ProcessProbes.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The process table's sharded open-addressing maps, through the runtime: enough processes to make
 * every shard grow several times and shrink back, and lookups that race those rebuilds.
 */
class ProcessTableTests {

	/** Well past the point where each of the 64 shards has rebuilt itself a few times. */
	private static final int MANY = 6_000;

	private final OpenRuntimes runtimes = new OpenRuntimes();

	@AfterEach
	void closeRuntimes() {
		this.runtimes.close();
	}

	@Test
	void everyProcessIsFoundUntilItEndsAndTheViewsListExactlyTheLiveOnes() throws Exception {
		Runtime runtime = this.runtimes.create();
		List<ProcessHandle> handles = new ArrayList<>();
		for (int i = 0; i < MANY; i++) {
			handles.add(runtime.spawn(PARKED));
		}
		Set<Pid> spawned = new HashSet<>();
		handles.forEach((handle) -> spawned.add(handle.pid()));

		assertThat(runtime.processCount()).isEqualTo(MANY);
		assertThat(spawned).allMatch(runtime::isAlive);
		assertThat(runtime.list()).hasSize(MANY).isSorted().containsExactlyInAnyOrderElementsOf(spawned);
		assertThat(new HashSet<>(runtime.pids())).isEqualTo(spawned);
		assertThat(runtime.pids()).contains(handles.get(MANY / 2).pid()).doesNotContain(Pid.of(0, Long.MAX_VALUE));

		List<ProcessHandle> killed = handles.subList(0, MANY - 10);
		for (ProcessHandle handle : killed) {
			handle.kill();
		}
		for (ProcessHandle handle : killed) {
			assertThat(ended(handle)).isEqualTo(ExitReason.KILLED);
		}
		eventually().until(() -> runtime.processCount() == 10);
		assertThat(killed).noneMatch((handle) -> runtime.isAlive(handle.pid()));
		assertThat(runtime.list()).containsExactlyElementsOf(handles.subList(MANY - 10, MANY).stream()
			.map(ProcessHandle::pid)
			.toList());
		assertThat(Pid.of(3, handles.get(MANY - 1).pid().id())).as("a pid of another node is never found")
			.matches((remote) -> !runtime.pids().contains(remote));
	}

	@RepeatedTest(5)
	void aLiveProcessIsAlwaysFoundWhileTheTableGrowsAndShrinksAroundIt() throws Exception {
		Runtime runtime = this.runtimes.create();
		Pid steady = runtime.spawn(PARKED).pid();
		AtomicBoolean churning = new AtomicBoolean(true);
		AtomicReference<String> missed = new AtomicReference<>();
		Thread reader = Thread.ofPlatform().start(() -> {
			while (churning.get()) {
				if (!runtime.isAlive(steady) || !runtime.send(steady, "ping")) {
					missed.set("the steady process was not found while others came and went");
					return;
				}
			}
		});
		for (int round = 0; round < 3; round++) {
			List<ProcessHandle> batch = new ArrayList<>();
			for (int i = 0; i < 4_000; i++) {
				batch.add(runtime.spawn(PARKED));
			}
			batch.forEach(ProcessHandle::kill);
			for (ProcessHandle handle : batch) {
				ended(handle);
			}
		}
		churning.set(false);
		reader.join();
		assertThat(missed.get()).isNull();
		assertThat(runtime.isAlive(steady)).isTrue();
	}
}
