package io.rusm.spring.boot.actuate.endpoint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.rusm.core.Pid;
import io.rusm.core.Runtime;
import io.rusm.core.SpawnOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A page asked for again reuses the last walk of the process table only while the table is
 * unchanged: spawns, exits and relabels show at once, and the processes on a reused page are
 * described afresh.
 */
class PageSelectionsTests {

	private final Runtime runtime = Runtime.builder().trackMailboxDepth(true).build();

	private final RusmEndpoint endpoint = new RusmEndpoint(this.runtime, null, null);

	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void closeRuntime() {
		this.release.countDown();
		this.runtime.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "pid", "age", "label" })
	void aRepeatedPageShowsSpawnsAndExitsAtOnce(String sort) {
		List<Pid> pids = spawn(3, "worker");
		assertThat(pids(sort, null)).containsExactlyInAnyOrderElementsOf(text(pids));
		pids.addAll(spawn(1, "worker"));
		assertThat(pids(sort, null)).containsExactlyInAnyOrderElementsOf(text(pids));
		long finished = this.runtime.finished();
		this.runtime.kill(pids.get(0));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.runtime.finished() > finished);
		assertThat(page(sort, null).total()).isEqualTo(3);
		assertThat(pids(sort, null)).containsExactlyInAnyOrderElementsOf(text(pids.subList(1, 4)));
	}

	@Test
	void aRelabeledProcessMovesBetweenLabelFiltersAtOnce() {
		List<Pid> pids = spawn(2, "alpha");
		assertThat(pids("pid", "alpha")).containsExactlyElementsOf(text(pids));
		assertThat(pids("pid", "bravo")).isEmpty();
		this.runtime.setLabel(pids.get(0), "bravo");
		assertThat(pids("pid", "alpha")).containsExactly(pids.get(1).toString());
		assertThat(pids("pid", "bravo")).containsExactly(pids.get(0).toString());
	}

	@Test
	void aReusedPageShowsCurrentMailboxDepths() {
		Pid pid = spawn(1, "worker").get(0);
		assertThat(page("pid", null).processes().get(0).mailboxDepth()).isZero();
		this.runtime.send(pid, "one");
		this.runtime.send(pid, "two");
		assertThat(page("pid", null).processes().get(0).mailboxDepth()).isEqualTo(2);
	}

	private ProcessPageDescriptor page(String sort, String label) {
		return (ProcessPageDescriptor) this.endpoint.section(RusmEndpoint.PROCESSES, "50", "0", label, null, null,
				sort, null);
	}

	private List<String> pids(String sort, String label) {
		return page(sort, label).processes().stream().map(ProcessDescriptor::pid).toList();
	}

	private List<Pid> spawn(int count, String label) {
		List<Pid> pids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			pids.add(this.runtime.spawn(SpawnOptions.builder().label(label).build(), (ctx) -> this.release.await())
				.pid());
		}
		return pids;
	}

	private static List<String> text(List<Pid> pids) {
		return pids.stream().map(Pid::toString).toList();
	}

}
