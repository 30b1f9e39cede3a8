package io.rusm.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import io.rusm.core.ProcessHandle;
import io.rusm.core.ProcessProbes.Cue;
import io.rusm.core.Runtime;

import static io.rusm.core.ProcessProbes.closeCleanly;
import static io.rusm.core.ProcessProbes.ended;
import static io.rusm.core.ProcessProbes.eventually;
import static io.rusm.core.ProcessProbes.gated;
import static io.rusm.core.ProcessProbes.go;
import static io.rusm.core.ProcessProbes.next;
import static io.rusm.core.ProcessProbes.parked;
import static io.rusm.core.ProcessProbes.watcher;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Links, monitors and trapped exits: who hears about an exit, with which reason, and who goes down
 * with it.
 */
class LinksAndMonitorsTests {

	private final Runtime runtime = Runtime.create();

	@AfterEach
	void closeRuntime() {
		closeCleanly(this.runtime);
	}

	// ------------------------------------------------------------------ monitors

	@Test // seed: monitor_reports_each_kind_of_exit
	void monitorReportsEachKindOfExit() throws Exception {
		// normal completion
		BlockingQueue<Object> d1 = new LinkedBlockingQueue<>();
		Pid w1 = watcher(this.runtime, d1);
		ProcessHandle t1 = gated(this.runtime, (ctx) -> {
		});
		MonitorRef r1 = this.runtime.monitor(w1, t1.pid());
		go(this.runtime, t1);
		assertThat(next(d1)).isEqualTo(new Signal.Down(r1, t1.pid(), ExitReason.NORMAL));

		// a throwing body: crashed, with what it threw
		RuntimeException boom = new RuntimeException("boom");
		BlockingQueue<Object> d2 = new LinkedBlockingQueue<>();
		Pid w2 = watcher(this.runtime, d2);
		ProcessHandle t2 = gated(this.runtime, (ctx) -> {
			throw boom;
		});
		MonitorRef r2 = this.runtime.monitor(w2, t2.pid());
		go(this.runtime, t2);
		assertThat(next(d2)).isEqualTo(new Signal.Down(r2, t2.pid(), ExitReason.crashed(boom)));

		// kill
		BlockingQueue<Object> d3 = new LinkedBlockingQueue<>();
		Pid w3 = watcher(this.runtime, d3);
		Pid t3 = this.runtime.spawn(parked()).pid();
		MonitorRef r3 = this.runtime.monitor(w3, t3);
		assertThat(this.runtime.kill(t3)).isTrue();
		assertThat(next(d3)).isEqualTo(new Signal.Down(r3, t3, ExitReason.KILLED));

		// a body ending itself with a chosen reason
		BlockingQueue<Object> d4 = new LinkedBlockingQueue<>();
		Pid w4 = watcher(this.runtime, d4);
		ProcessHandle t4 = gated(this.runtime, (ctx) -> {
			throw new ProcessExitException(ExitReason.SHUTDOWN);
		});
		MonitorRef r4 = this.runtime.monitor(w4, t4.pid());
		go(this.runtime, t4);
		assertThat(next(d4)).isEqualTo(new Signal.Down(r4, t4.pid(), ExitReason.SHUTDOWN));

		assertThat(List.of(r1, r2, r3, r4)).doesNotHaveDuplicates();
	}

	@Test // seed: monitoring_a_dead_process_reports_noproc_at_once
	void monitoringADeadProcessReportsNoprocAtOnce() throws Exception {
		ProcessHandle dead = this.runtime.spawn((ctx) -> {
		});
		ended(dead);
		BlockingQueue<Object> down = new LinkedBlockingQueue<>();
		Pid watcher = watcher(this.runtime, down);
		MonitorRef ref = this.runtime.monitor(watcher, dead.pid());
		assertThat(next(down)).isEqualTo(new Signal.Down(ref, dead.pid(), ExitReason.NOPROC));
		assertThat(ref.watcher()).isEqualTo(watcher);
		assertThat(ref.target()).isEqualTo(dead.pid());
	}

	@Test
	void aProcessMonitoringTwiceGetsOneDownPerMonitor() throws Exception {
		BlockingQueue<Object> got = new LinkedBlockingQueue<>();
		ProcessHandle target = this.runtime.spawn(parked());
		ProcessHandle watcher = this.runtime.spawn((ctx) -> {
			MonitorRef first = ctx.monitor(target.pid());
			MonitorRef second = ctx.monitor(target.pid());
			got.add(List.of(first, second));
			got.add(ctx.receive());
			got.add(ctx.receive());
		});
		@SuppressWarnings("unchecked")
		List<MonitorRef> refs = (List<MonitorRef>) next(got);
		target.kill();
		assertThat(List.of(next(got), next(got))).containsExactly(
				new Signal.Down(refs.get(0), target.pid(), ExitReason.KILLED),
				new Signal.Down(refs.get(1), target.pid(), ExitReason.KILLED));
		ended(watcher);
	}

	@Test
	void demonitorMeansNoDown() throws Exception {
		BlockingQueue<Object> got = new LinkedBlockingQueue<>();
		ProcessHandle target = this.runtime.spawn(parked());
		ProcessHandle watcher = this.runtime.spawn((ctx) -> got.add(ctx.receive()));
		MonitorRef ref = this.runtime.monitor(watcher.pid(), target.pid());
		assertThat(this.runtime.info(target.pid()).orElseThrow().monitoredBy()).containsExactly(watcher.pid());
		assertThat(this.runtime.demonitor(ref)).isTrue();
		assertThat(this.runtime.demonitor(ref)).as("already removed").isFalse();
		assertThat(this.runtime.info(target.pid()).orElseThrow().monitoredBy()).isEmpty();
		target.kill();
		ended(target);
		// had a Down been sent, it would have arrived before this marker
		this.runtime.send(watcher.pid(), "marker");
		assertThat(next(got)).isEqualTo("marker");
		ended(watcher);
	}

	@Test
	void demonitorOfAMonitorThatFiredReturnsFalse() throws Exception {
		BlockingQueue<Object> down = new LinkedBlockingQueue<>();
		Pid watcher = watcher(this.runtime, down);
		ProcessHandle target = this.runtime.spawn(parked());
		MonitorRef ref = this.runtime.monitor(watcher, target.pid());
		target.kill();
		assertThat(next(down)).isInstanceOf(Signal.Down.class);
		assertThat(this.runtime.demonitor(ref)).isFalse();
	}

	@Test
	void aDeadWatchersMonitorsAreDropped() throws Exception {
		ProcessHandle target = this.runtime.spawn(parked());
		ProcessHandle watcher = this.runtime.spawn(parked());
		ProcessHandle other = this.runtime.spawn(parked());
		this.runtime.monitor(watcher.pid(), target.pid());
		this.runtime.monitor(watcher.pid(), target.pid());
		this.runtime.monitor(other.pid(), target.pid());
		assertThat(this.runtime.info(target.pid()).orElseThrow().monitoredBy()).containsExactlyInAnyOrder(watcher.pid(),
				other.pid());
		watcher.kill();
		ended(watcher);
		assertThat(this.runtime.info(target.pid()).orElseThrow().monitoredBy()).containsExactly(other.pid());
		other.kill();
		ended(other);
		assertThat(this.runtime.info(target.pid()).orElseThrow().monitoredBy()).isEmpty();
	}

	@RepeatedTest(50)
	void monitoringATargetThatIsEndingGivesExactlyOneDown() throws Exception {
		BlockingQueue<Object> got = new LinkedBlockingQueue<>();
		ProcessHandle watcher = this.runtime.spawn((ctx) -> {
			for (;;) {
				got.add(ctx.receive());
			}
		});
		ProcessHandle target = this.runtime.spawn((ctx) -> {
		});
		MonitorRef ref = this.runtime.monitor(watcher.pid(), target.pid());
		ended(target);
		this.runtime.send(watcher.pid(), "marker");
		Object first = next(got);
		assertThat(first).isIn(new Signal.Down(ref, target.pid(), ExitReason.NORMAL),
				new Signal.Down(ref, target.pid(), ExitReason.NOPROC));
		assertThat(next(got)).isEqualTo("marker");
	}

	@RepeatedTest(50)
	void aWatcherEndingWhileItSetsUpAMonitorLeavesNoStaleEntry() throws Exception {
		ProcessHandle target = this.runtime.spawn(parked());
		ProcessHandle watcher = this.runtime.spawn((ctx) -> {
		});
		this.runtime.monitor(watcher.pid(), target.pid());
		ended(watcher);
		assertThat(this.runtime.info(target.pid()).orElseThrow().monitoredBy()).isEmpty();
	}

	// ------------------------------------------------------------------ links

	@Test // seed: an_abnormal_exit_cascades_down_links_with_its_reason
	void anAbnormalExitCascadesDownLinksWithItsReason() throws Exception {
		RuntimeException boom = new RuntimeException("boom");
		ProcessHandle peer = this.runtime.spawn(parked());
		ProcessHandle crasher = gated(this.runtime, (ctx) -> {
			throw boom;
		});
		this.runtime.link(peer.pid(), crasher.pid());

		// the peer goes down too, with the crash as its reason, not a bare KILLED
		BlockingQueue<Object> down = new LinkedBlockingQueue<>();
		Pid watcher = watcher(this.runtime, down);
		MonitorRef ref = this.runtime.monitor(watcher, peer.pid());
		go(this.runtime, crasher);
		assertThat(next(down)).isEqualTo(new Signal.Down(ref, peer.pid(), ExitReason.crashed(boom)));
		assertThat(ended(peer)).isEqualTo(ExitReason.crashed(boom));
		assertThat(this.runtime.isAlive(peer.pid())).isFalse();
	}

	@Test
	void anAbnormalExitCascadesAlongAChainOfLinks() throws Exception {
		ProcessHandle a = this.runtime.spawn(parked());
		ProcessHandle b = this.runtime.spawn(parked());
		ProcessHandle c = this.runtime.spawn(parked());
		this.runtime.link(a.pid(), b.pid());
		this.runtime.link(b.pid(), c.pid());
		IllegalStateException cause = new IllegalStateException("c failed");
		this.runtime.exit(c.pid(), ExitReason.crashed(cause));
		assertThat(ended(c)).isEqualTo(ExitReason.crashed(cause));
		assertThat(ended(b)).isEqualTo(ExitReason.crashed(cause));
		assertThat(ended(a)).isEqualTo(ExitReason.crashed(cause));
	}

	@Test
	void aKillCascadesToLinkedProcesses() throws Exception {
		ProcessHandle a = this.runtime.spawn(parked());
		ProcessHandle b = this.runtime.spawn(parked());
		this.runtime.link(a.pid(), b.pid());
		a.kill();
		assertThat(ended(b)).isEqualTo(ExitReason.KILLED);
	}

	@Test // seed: a_normal_exit_does_not_cascade
	void aNormalExitDoesNotCascade() throws Exception {
		ProcessHandle survivor = this.runtime.spawn(parked());
		ProcessHandle quitter = gated(this.runtime, (ctx) -> {
		});
		this.runtime.link(survivor.pid(), quitter.pid());
		go(this.runtime, quitter);
		// the quitter's teardown, propagation included, ran before its thread ended
		assertThat(ended(quitter)).isEqualTo(ExitReason.NORMAL);
		assertThat(this.runtime.isAlive(survivor.pid())).as("a normal exit must not kill links").isTrue();
		assertThat(this.runtime.info(survivor.pid()).orElseThrow().links()).isEmpty();
	}

	@Test // seed: a_trapping_process_gets_an_exit_message_instead_of_dying
	void aTrappingProcessGetsAnExitMessageInsteadOfDying() throws Exception {
		BlockingQueue<Object> got = new LinkedBlockingQueue<>();
		Pid trapper = watcher(this.runtime, got);
		this.runtime.setTrapExit(trapper, true);
		assertThat(this.runtime.info(trapper).orElseThrow().trapExit()).isTrue();

		RuntimeException boom = new RuntimeException("boom");
		ProcessHandle child = gated(this.runtime, (ctx) -> {
			throw boom;
		});
		this.runtime.link(trapper, child.pid());
		go(this.runtime, child);

		assertThat(next(got)).isEqualTo(new Signal.Exit(child.pid(), ExitReason.crashed(boom)));
		assertThat(this.runtime.isAlive(trapper)).as("a trapping process must survive").isTrue();
		assertThat(this.runtime.info(trapper).orElseThrow().links()).isEmpty();
	}

	@Test
	void aTrappingProcessIsAlsoToldOfANormalExit() throws Exception {
		BlockingQueue<Object> got = new LinkedBlockingQueue<>();
		ProcessHandle trapper = this.runtime.spawn((ctx) -> {
			ctx.trapExits(true);
			ProcessHandle child = ctx.spawnLink((linked) -> {
			});
			got.add(child.pid());
			got.add(ctx.receive());
		});
		Pid child = (Pid) next(got);
		assertThat(next(got)).isEqualTo(new Signal.Exit(child, ExitReason.NORMAL));
		assertThat(ended(trapper)).isEqualTo(ExitReason.NORMAL);
	}

	@Test
	void aTrappingProcessStillDiesWhenKilled() throws Exception {
		ProcessHandle trapper = this.runtime.spawn(SpawnOptions.builder().trapExit(true).build(), parked());
		assertThat(trapper.kill()).isTrue();
		assertThat(ended(trapper)).isEqualTo(ExitReason.KILLED);
	}

	@Test // seed: spawn_link_links_the_child_to_its_parent
	void spawnLinkLinksTheChildToItsParent() throws Exception {
		BlockingQueue<Object> got = new LinkedBlockingQueue<>();
		Pid parent = watcher(this.runtime, got);
		this.runtime.setTrapExit(parent, true);

		RuntimeException boom = new RuntimeException("boom");
		ProcessHandle child = this.runtime.spawnLink(parent, (ctx) -> {
			ctx.receive((message) -> message == Cue.GO);
			throw boom;
		});
		assertThat(this.runtime.info(parent).orElseThrow().links()).containsExactly(child.pid());
		assertThat(this.runtime.info(child.pid()).orElseThrow().links()).containsExactly(parent);
		this.runtime.send(child.pid(), Cue.GO);

		assertThat(next(got)).isEqualTo(new Signal.Exit(child.pid(), ExitReason.crashed(boom)));
	}

	@RepeatedTest(20)
	void spawnLinkHoldsEvenIfTheChildEndsAtOnce() throws Exception {
		BlockingQueue<Object> got = new LinkedBlockingQueue<>();
		Pid parent = watcher(this.runtime, got);
		this.runtime.setTrapExit(parent, true);
		RuntimeException boom = new RuntimeException("at once");
		ProcessHandle child = this.runtime.spawnLink(parent, (ctx) -> {
			throw boom;
		});
		assertThat(next(got)).isEqualTo(new Signal.Exit(child.pid(), ExitReason.crashed(boom)));
	}

	@Test
	void spawnLinkToADeadParentEndsTheChildWithNoprocBeforeItRuns() throws Exception {
		ProcessHandle parent = this.runtime.spawn((ctx) -> {
		});
		ended(parent);
		BlockingQueue<Object> got = new LinkedBlockingQueue<>();
		ProcessHandle child = this.runtime.spawnLink(parent.pid(), (ctx) -> got.add("ran"));
		assertThat(ended(child)).isEqualTo(ExitReason.NOPROC);
		assertThat(got).isEmpty();

		ProcessHandle trapping = this.runtime.spawn(SpawnOptions.builder().trapExit(true).linkTo(parent.pid()).build(),
				(ctx) -> got.add(ctx.receive()));
		assertThat(next(got)).isEqualTo(new Signal.Exit(parent.pid(), ExitReason.NOPROC));
		assertThat(ended(trapping)).isEqualTo(ExitReason.NORMAL);
	}

	@Test // seed: unlinking_stops_propagation
	void unlinkingStopsPropagation() throws Exception {
		ProcessHandle survivor = this.runtime.spawn(parked());
		ProcessHandle crasher = gated(this.runtime, (ctx) -> {
			throw new RuntimeException("boom");
		});
		this.runtime.link(survivor.pid(), crasher.pid());
		assertThat(this.runtime.info(survivor.pid()).orElseThrow().links()).containsExactly(crasher.pid());
		this.runtime.unlink(survivor.pid(), crasher.pid());
		assertThat(this.runtime.info(survivor.pid()).orElseThrow().links()).isEmpty();
		assertThat(this.runtime.info(crasher.pid()).orElseThrow().links()).isEmpty();

		go(this.runtime, crasher);
		assertThat(ended(crasher)).isInstanceOf(ExitReason.Crashed.class);
		assertThat(this.runtime.isAlive(survivor.pid())).as("an unlinked peer must not be taken down").isTrue();
	}

	@Test // seed: linking_a_dead_peer_leaves_no_half_link
	void linkingADeadPeerLeavesNoHalfLink() throws Exception {
		ProcessHandle alive = this.runtime.spawn(parked());
		ProcessHandle dead = this.runtime.spawn((ctx) -> {
		});
		ended(dead);

		this.runtime.link(alive.pid(), dead.pid());
		this.runtime.link(dead.pid(), alive.pid());
		assertThat(this.runtime.info(alive.pid()).orElseThrow().links()).isEmpty();

		// alive's link set still works: a fresh linked crasher still takes it down
		RuntimeException boom = new RuntimeException("boom");
		ProcessHandle crasher = gated(this.runtime, (ctx) -> {
			throw boom;
		});
		this.runtime.link(alive.pid(), crasher.pid());
		go(this.runtime, crasher);
		assertThat(ended(alive)).isEqualTo(ExitReason.crashed(boom));
		assertThat(this.runtime.isAlive(crasher.pid())).isFalse();
	}

	@RepeatedTest(50)
	void linkingAPeerThatIsEndingLeavesNoHalfLink() throws Exception {
		BlockingQueue<Object> got = new LinkedBlockingQueue<>();
		ProcessHandle trapper = this.runtime.spawn(SpawnOptions.builder().trapExit(true).build(), (ctx) -> {
			for (;;) {
				got.add(ctx.receive());
			}
		});
		RuntimeException boom = new RuntimeException("boom");
		ProcessHandle crasher = this.runtime.spawn((ctx) -> {
			throw boom;
		});
		this.runtime.link(trapper.pid(), crasher.pid());
		ended(crasher);
		this.runtime.send(trapper.pid(), "marker");
		Object first = next(got);
		if (!"marker".equals(first)) {
			// the link was made in time: the exit was reported, once
			assertThat(first).isEqualTo(new Signal.Exit(crasher.pid(), ExitReason.crashed(boom)));
			assertThat(next(got)).isEqualTo("marker");
		}
		assertThat(this.runtime.info(trapper.pid()).orElseThrow().links()).isEmpty();
		assertThat(this.runtime.isAlive(trapper.pid())).isTrue();
	}

	@Test // seed: exit_terminates_with_the_chosen_reason
	void exitTerminatesWithTheChosenReason() throws Exception {
		BlockingQueue<Object> down = new LinkedBlockingQueue<>();
		Pid watcher = watcher(this.runtime, down);
		Pid target = this.runtime.spawn(parked()).pid();
		MonitorRef ref = this.runtime.monitor(watcher, target);

		// exit/2 with a crash reason: nothing thrown by the body, yet observed as crashed
		IllegalStateException cause = new IllegalStateException("chosen");
		assertThat(this.runtime.exit(target, ExitReason.crashed(cause))).isTrue();
		assertThat(next(down)).isEqualTo(new Signal.Down(ref, target, ExitReason.crashed(cause)));
		assertThat(this.runtime.exit(Pid.of(987_654_321L), ExitReason.NORMAL)).as("unknown pid").isFalse();
	}

	@Test
	void anExitSignalFromTheRuntimeIsAMessageForATrappingProcess() throws Exception {
		BlockingQueue<Object> got = new LinkedBlockingQueue<>();
		ProcessHandle trapper = this.runtime.spawn(SpawnOptions.builder().trapExit(true).build(), (ctx) -> {
			got.add(ctx.receive());
			got.add(ctx.receive());
		});

		assertThat(this.runtime.signalExit(trapper.pid(), ExitReason.SHUTDOWN)).isTrue();

		assertThat(next(got)).isEqualTo(new Signal.Exit(Pid.SYSTEM, ExitReason.SHUTDOWN));
		assertThat(this.runtime.isAlive(trapper.pid())).as("a trapping process decides for itself").isTrue();
		this.runtime.send(trapper.pid(), "bye");
		assertThat(next(got)).isEqualTo("bye");
		assertThat(ended(trapper)).isEqualTo(ExitReason.NORMAL);
	}

	@Test
	void anExitSignalEndsAProcessThatDoesNotTrapOnlyWhenAbnormal() throws Exception {
		ProcessHandle target = this.runtime.spawn(parked());

		assertThat(this.runtime.signalExit(target.pid(), ExitReason.NORMAL)).isTrue();
		assertThat(target.join(Duration.ZERO)).as("a normal exit signal is ignored").isEmpty();
		assertThat(this.runtime.signalExit(target.pid(), ExitReason.SHUTDOWN)).isTrue();

		assertThat(ended(target)).isEqualTo(ExitReason.SHUTDOWN);
		assertThat(this.runtime.signalExit(target.pid(), ExitReason.SHUTDOWN)).as("no longer alive").isFalse();
	}

	@Test // seed: link_and_trap_on_missing_processes_are_no_ops
	void linkAndTrapOnMissingProcessesAreNoOps() throws Exception {
		ProcessHandle p = this.runtime.spawn(parked());
		Pid dead = Pid.of(999_999_999L);
		this.runtime.link(p.pid(), p.pid()); // self-link: ignored
		this.runtime.link(dead, p.pid()); // dead first argument: nothing recorded
		this.runtime.link(p.pid(), dead); // dead second argument: no half-link
		this.runtime.unlink(dead, p.pid()); // unlink with a dead owner: no-op
		this.runtime.setTrapExit(dead, true); // dead pid: no-op, no exception
		assertThat(this.runtime.isAlive(p.pid())).isTrue();
		assertThat(this.runtime.info(p.pid()).orElseThrow().links()).isEmpty();
		assertThat(this.runtime.isAlive(dead)).isFalse();
	}

	@Test
	void linksAreReportedOnBothSidesAndLinkingTwiceIsHarmless() throws Exception {
		ProcessHandle a = this.runtime.spawn(parked());
		ProcessHandle b = this.runtime.spawn((ctx) -> {
			ctx.link(a.pid());
			ctx.link(a.pid());
			ctx.receive();
		});
		eventually().until(() -> this.runtime.info(a.pid()).orElseThrow().links().contains(b.pid()));
		assertThat(this.runtime.info(a.pid()).orElseThrow().links()).containsExactly(b.pid());
		assertThat(this.runtime.info(b.pid()).orElseThrow().links()).containsExactly(a.pid());
		a.kill();
		assertThat(ended(b)).isEqualTo(ExitReason.KILLED);
	}

	@RepeatedTest(5)
	void aSpawnMonitorSeesTheRealReasonOfAChildThatEndsAtOnce() throws Exception {
		int children = 200;
		BlockingQueue<List<String>> verdict = new LinkedBlockingQueue<>();
		ProcessHandle parent = this.runtime.spawn((ctx) -> {
			java.util.Map<MonitorRef, Pid> refs = new java.util.HashMap<>();
			for (int i = 0; i < children; i++) {
				ProcessHandle child = ctx.spawnMonitor((body) -> {
					throw new IllegalStateException("at once");
				});
				refs.put(child.monitorRef().orElseThrow(), child.pid());
			}
			List<String> wrong = new java.util.ArrayList<>();
			for (int i = 0; i < children; i++) {
				Signal.Down down = ctx.receive(Signal.Down.class);
				if (!down.pid().equals(refs.remove(down.ref()))
						|| !(down.reason() instanceof ExitReason.Crashed crashed && crashed.cause().getMessage()
							.equals("at once"))) {
					wrong.add(down.toString());
				}
			}
			verdict.add(wrong);
		});
		assertThat(next(verdict)).as("Downs without the child's own crash").isEmpty();
		ended(parent);
	}

	@Test
	void monitoredByIsInPlaceBeforeTheBodyRuns() throws Exception {
		BlockingQueue<Object> received = new LinkedBlockingQueue<>();
		Pid watching = watcher(this.runtime, received);
		BlockingQueue<java.util.Set<Pid>> seen = new LinkedBlockingQueue<>();
		ProcessHandle child = this.runtime.spawn(SpawnOptions.builder().monitoredBy(watching).build(),
				(ctx) -> seen.add(ctx.runtime().info(ctx.self()).orElseThrow().monitoredBy()));
		MonitorRef ref = child.monitorRef().orElseThrow();
		assertThat(ref.watcher()).isEqualTo(watching);
		assertThat(ref.target()).isEqualTo(child.pid());
		assertThat(next(seen)).containsExactly(watching);
		assertThat(next(received)).isEqualTo(new Signal.Down(ref, child.pid(), ExitReason.NORMAL));
	}

	@Test
	void aDeadWatcherMonitorsNothingAndASpawnWithoutOneHasNoMonitor() throws Exception {
		ProcessHandle gone = this.runtime.spawn((ctx) -> {
		});
		ended(gone);
		ProcessHandle child = this.runtime.spawn(SpawnOptions.builder().monitoredBy(gone.pid()).build(), parked());
		assertThat(this.runtime.info(child.pid()).orElseThrow().monitoredBy()).isEmpty();
		assertThat(this.runtime.spawn(parked()).monitorRef()).isEmpty();
	}
}
