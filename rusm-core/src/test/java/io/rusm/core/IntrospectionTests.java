package io.rusm.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.rusm.core.ProcessHandle;
import io.rusm.core.Runtime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.rusm.core.ProcessProbes.parked;
import static io.rusm.core.OpenRuntimes.PARKED;
import static io.rusm.core.ProcessProbes.ended;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.entry;

/**
 * {@code list}, {@code info}, labels, the census and the tag counts.
 */
class IntrospectionTests {

	private final OpenRuntimes runtimes = new OpenRuntimes();

	@AfterEach
	void closeRuntimes() {
		this.runtimes.close();
	}

	// seed: list_reflects_live_processes
	@Test
	void listReflectsLiveProcesses() throws Exception {
		Runtime runtime = this.runtimes.create();
		assertThat(runtime.list()).isEmpty();
		ProcessHandle a = runtime.spawn(PARKED);
		ProcessHandle b = runtime.spawn(PARKED);
		assertThat(runtime.list()).containsExactly(a.pid(), b.pid());
		a.kill();
		ended(a);
		assertThat(runtime.list()).containsExactly(b.pid());
		assertThat(runtime.processCount()).isEqualTo(1);
	}

	@Test
	void pidsIsALiveUnmodifiableViewOfTheTable() throws Exception {
		Runtime runtime = this.runtimes.create();
		Collection<Pid> pids = runtime.pids();
		assertThat(pids).isEmpty();
		ProcessHandle a = runtime.spawn(PARKED);
		ProcessHandle b = runtime.spawn(PARKED);
		assertThat(pids).as("the view follows spawns").containsExactlyInAnyOrder(a.pid(), b.pid());
		a.kill();
		ended(a);
		assertThat(pids).as("and exits").containsExactly(b.pid());
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> pids.remove(b.pid()));
		assertThat(runtime.isAlive(b.pid())).isTrue();
	}

	// seed: info_reports_links_names_label_and_trap
	@Test
	void infoReportsLinksNamesLabelAndTrap() {
		Runtime runtime = this.runtimes.create();
		ProcessHandle p = runtime.spawn(PARKED);
		ProcessHandle peer = runtime.spawn(PARKED);
		runtime.link(p.pid(), peer.pid());
		assertThat(runtime.register("svc", p.pid())).isTrue();
		runtime.setTrapExit(p.pid(), true);
		assertThat(runtime.setLabel(p.pid(), "worker #1")).isTrue();

		ProcessInfo info = runtime.info(p.pid()).orElseThrow();
		assertThat(info.pid()).isEqualTo(p.pid());
		assertThat(info.links()).containsExactly(peer.pid());
		assertThat(info.monitoredBy()).isEmpty();
		assertThat(info.names()).containsExactly("svc");
		assertThat(info.label()).isEqualTo("worker #1");
		assertThat(info.trapExit()).isTrue();
		assertThat(info.mailboxDepth()).as("untracked, never a made-up 0").isEqualTo(ProcessInfo.UNTRACKED);
		assertThat(info.trackedMailboxDepth()).isEmpty();
		assertThat(runtime.info(peer.pid()).orElseThrow().links()).containsExactly(p.pid());
	}

	@Test
	void infoReportsEveryField() {
		Runtime runtime = this.runtimes.create();
		Instant before = Instant.now().minusMillis(1);
		ProcessHandle p = runtime.spawn(SpawnOptions.builder().label("svc").tags("t1", "t2").trapExit(true).build(),
				PARKED);
		Instant after = Instant.now().plusMillis(1);
		ProcessHandle peer = runtime.spawn(PARKED);
		ProcessHandle watcher = runtime.spawn(parked());
		ProcessHandle otherWatcher = runtime.spawn(parked());
		runtime.link(p.pid(), peer.pid());
		runtime.monitor(watcher.pid(), p.pid());
		runtime.monitor(otherWatcher.pid(), p.pid());
		runtime.register("a", p.pid());
		runtime.register("b", p.pid());

		ProcessInfo info = runtime.info(p.pid()).orElseThrow();
		assertThat(info.pid()).isEqualTo(p.pid());
		assertThat(info.label()).isEqualTo("svc");
		assertThat(info.names()).containsExactlyInAnyOrder("a", "b");
		assertThat(info.tags()).containsExactlyInAnyOrder("t1", "t2");
		assertThat(info.links()).containsExactly(peer.pid());
		assertThat(info.monitoredBy()).containsExactlyInAnyOrder(watcher.pid(), otherWatcher.pid());
		assertThat(info.mailboxDepth()).isEqualTo(ProcessInfo.UNTRACKED);
		assertThat(info.trackedMailboxDepth()).isEmpty();
		assertThat(info.trapExit()).isTrue();
		assertThat(info.state()).isEqualTo(ProcessInfo.State.RUNNING);
		assertThat(info.exitingSince()).isNull();
		assertThat(info.startedAt()).isBetween(before, after);

		ProcessInfo plain = runtime.info(peer.pid()).orElseThrow();
		assertThat(plain.label()).isNull();
		assertThat(plain.names()).isEmpty();
		assertThat(plain.tags()).isEmpty();
		assertThat(plain.monitoredBy()).isEmpty();
		assertThat(plain.trapExit()).isFalse();
	}

	// seed: info_and_set_label_on_a_dead_pid
	@Test
	void infoAndSetLabelOfADeadPid() throws Exception {
		Runtime runtime = this.runtimes.create();
		ProcessHandle dead = runtime.spawn((ctx) -> {
		});
		ended(dead);
		assertThat(runtime.info(dead.pid())).isEmpty();
		assertThat(runtime.setLabel(dead.pid(), "ghost")).isFalse();
		assertThat(runtime.census()).isEmpty();
		assertThat(runtime.info(Pid.of(Long.MAX_VALUE))).isEmpty();
	}

	// seed: census_counts_live_processes_by_label
	@Test
	void censusCountsLiveProcessesByLabel() throws Exception {
		Runtime runtime = this.runtimes.create();
		List<ProcessHandle> procs = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			procs.add(runtime.spawn(parked()));
		}
		assertThat(runtime.setLabel(procs.get(0).pid(), "alpha")).isTrue();
		assertThat(runtime.setLabel(procs.get(1).pid(), "alpha")).isTrue();
		assertThat(runtime.setLabel(procs.get(2).pid(), "beta")).isTrue();

		assertThat(runtime.census()).as("the unlabeled process is left out")
			.containsExactly(entry("alpha", 2), entry("beta", 1));

		ProcessHandle victim = procs.get(1);
		victim.kill();
		ended(victim);
		assertThat(runtime.census()).as("a drained process drops out").containsExactly(entry("alpha", 1),
				entry("beta", 1));
	}

	@Test
	void relabellingMovesAProcessInTheCensus() {
		Runtime runtime = this.runtimes.create();
		ProcessHandle p = runtime.spawn(SpawnOptions.builder().label("before").build(), PARKED);
		assertThat(runtime.census()).containsExactly(entry("before", 1));
		assertThat(runtime.setLabel(p.pid(), "after")).isTrue();
		assertThat(runtime.census()).containsExactly(entry("after", 1));
		assertThat(runtime.info(p.pid()).orElseThrow().label()).isEqualTo("after");
	}

	@Test
	void aProcessCanLabelItself() throws Exception {
		Runtime runtime = this.runtimes.create();
		CountDownLatch labelled = new CountDownLatch(1);
		runtime.spawn((ctx) -> {
			ctx.setLabel("self-made");
			labelled.countDown();
			parked().run(ctx);
		});
		assertThat(labelled.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(runtime.census()).containsExactly(entry("self-made", 1));
	}

	@Test
	void tagCountsCountLiveMembersPerTag() throws Exception {
		Runtime runtime = this.runtimes.create();
		ProcessHandle a = runtime.spawn(SpawnOptions.builder().tags("x", "y").build(), PARKED);
		runtime.spawn(SpawnOptions.builder().tags("x").build(), PARKED);
		assertThat(runtime.tagCounts()).containsExactly(entry("x", 2), entry("y", 1));
		a.kill();
		ended(a);
		assertThat(runtime.tagCounts()).containsExactly(entry("x", 1));
	}

	@Test
	void countersFollowSpawnsAndExits() throws Exception {
		Runtime runtime = this.runtimes.create();
		ProcessHandle quick = runtime.spawn((ctx) -> {
		});
		ProcessHandle parked = runtime.spawn(PARKED);
		ended(quick);
		assertThat(runtime.spawned()).isEqualTo(2);
		assertThat(runtime.finished()).isEqualTo(1);
		assertThat(runtime.processCount()).isEqualTo(1);
		assertThat(runtime.isAlive(parked.pid())).isTrue();
		assertThat(runtime.isAlive(quick.pid())).isFalse();
	}

	@Test
	void badLabelsAreRejectedClearlyAndTheRuntimeStaysUsable() {
		Runtime runtime = this.runtimes.create();
		Pid pid = runtime.spawn(PARKED).pid();
		assertThatIllegalArgumentException().isThrownBy(() -> runtime.setLabel(pid, " "))
			.withMessageContaining("label must not be blank");
		assertThatNullPointerException().isThrownBy(() -> runtime.setLabel(pid, null)).withMessage("label");
		assertThatNullPointerException().isThrownBy(() -> runtime.setLabel(null, "x")).withMessage("pid");
		assertThatIllegalArgumentException().isThrownBy(() -> SpawnOptions.builder().label(""))
			.withMessageContaining("label must not be blank");
		assertThatNullPointerException().isThrownBy(() -> runtime.info(null)).withMessage("pid");

		assertThat(runtime.census()).isEmpty();
		assertThat(runtime.setLabel(pid, "fine")).isTrue();
		assertThat(runtime.census()).containsExactly(entry("fine", 1));
	}

	@Test
	void theFirstReleasesShapeOfProcessInfoStillDescribesARunningProcess() {
		Instant now = Instant.now();
		ProcessInfo info = new ProcessInfo(Pid.of(7), null, List.of(), Set.of(), Set.of(), Set.of(), 2, false, now);
		assertThat(info.state()).isEqualTo(ProcessInfo.State.RUNNING);
		assertThat(info.exitingSince()).isNull();
		assertThat(info.trackedMailboxDepth()).hasValue(2);
		assertThatIllegalArgumentException().isThrownBy(() -> new ProcessInfo(Pid.of(7), null, List.of(), Set.of(),
				Set.of(), Set.of(), 0, false, now, ProcessInfo.State.EXITING, null)).withMessageContaining("exitingSince");
		assertThatIllegalArgumentException().isThrownBy(() -> new ProcessInfo(Pid.of(7), null, List.of(), Set.of(),
				Set.of(), Set.of(), 0, false, now, ProcessInfo.State.RUNNING, now)).withMessageContaining("exitingSince");
	}
}
