package io.rusm.core;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import io.rusm.core.ProcessHandle;
import io.rusm.core.Runtime;

import static io.rusm.core.ProcessProbes.WAIT;
import static io.rusm.core.ProcessProbes.closeCleanly;
import static io.rusm.core.ProcessProbes.ended;
import static io.rusm.core.ProcessProbes.eventually;
import static io.rusm.core.ProcessProbes.next;
import static io.rusm.core.ProcessProbes.parked;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spawning, ending and counting processes, and what a kill does to a process wherever it is.
 */
class SpawnAndKillTests {

	private final Runtime runtime = Runtime.create();

	@AfterEach
	void closeRuntime() {
		closeCleanly(this.runtime);
	}

	// ------------------------------------------------------------------ spawn, join, counters

	@Test // seed: a_process_runs_to_completion_and_is_cleaned_up
	void aProcessRunsToCompletionAndIsCleanedUp() throws Exception {
		ProcessHandle handle = this.runtime.spawn((ctx) -> {
		});
		Pid pid = handle.pid();
		assertThat(ended(handle)).isEqualTo(ExitReason.NORMAL);
		assertThat(handle.join()).isEqualTo(ExitReason.NORMAL);
		assertThat(handle.isAlive()).isFalse();
		assertThat(this.runtime.spawned()).isEqualTo(1);
		assertThat(this.runtime.finished()).isEqualTo(1);
		assertThat(this.runtime.processCount()).isZero();
		assertThat(this.runtime.isAlive(pid)).isFalse();
		assertThat(this.runtime.list()).isEmpty();
	}

	@Test // seed: body_receives_its_own_pid
	void bodyReceivesItsOwnPid() throws Exception {
		BlockingQueue<Object> seen = new LinkedBlockingQueue<>();
		ProcessHandle handle = this.runtime.spawn((ctx) -> {
			seen.add(ctx.self());
			seen.add(ctx.runtime());
			seen.add(ctx.toString());
		});
		assertThat(next(seen)).isEqualTo(handle.pid());
		assertThat(next(seen)).isSameAs(this.runtime);
		assertThat(next(seen)).asString().as("the context's debug text names its pid").contains(handle.pid().toString());
		assertThat(ended(handle)).isEqualTo(ExitReason.NORMAL);
	}

	@Test // seed: pids_are_unique_and_increasing
	void pidsAreUniqueAndIncreasing() throws Exception {
		ProcessHandle a = this.runtime.spawn((ctx) -> {
		});
		ProcessHandle b = this.runtime.spawn((ctx) -> {
		});
		assertThat(a.pid()).isNotEqualTo(b.pid());
		assertThat(b.pid().id()).isGreaterThan(a.pid().id());
		List<Pid> pids = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			pids.add(this.runtime.spawn((ctx) -> {
			}).pid());
		}
		assertThat(pids).doesNotHaveDuplicates().isSorted();
		assertThat(pids.getFirst()).isGreaterThan(b.pid());
		ended(a);
		ended(b);
	}

	@Test
	void aLiveProcessIsCountedAndListed() throws Exception {
		ProcessHandle handle = this.runtime.spawn(parked());
		assertThat(this.runtime.isAlive(handle.pid())).isTrue();
		assertThat(handle.isAlive()).isTrue();
		assertThat(this.runtime.processCount()).isEqualTo(1);
		assertThat(this.runtime.list()).containsExactly(handle.pid());
		assertThat(handle.join(Duration.ZERO)).isEmpty();
		assertThat(handle.kill()).isTrue();
		assertThat(ended(handle)).isEqualTo(ExitReason.KILLED);
		assertThat(this.runtime.processCount()).isZero();
	}

	@Test // seed: a_panicking_body_is_still_cleaned_up
	void aThrowingBodyIsCleanedUpAndKeepsItsThrowable() throws Exception {
		IllegalStateException boom = new IllegalStateException("boom");
		ProcessHandle handle = this.runtime.spawn((ctx) -> {
			throw boom;
		});
		assertThat(ended(handle)).isEqualTo(ExitReason.crashed(boom));
		assertThat(handle.join()).isInstanceOfSatisfying(ExitReason.Crashed.class,
				(crashed) -> assertThat(crashed.cause()).isSameAs(boom));
		assertThat(this.runtime.processCount()).isZero();
		assertThat(this.runtime.finished()).isEqualTo(1);
	}

	@Test
	void aBodyThrowingACheckedExceptionOrAnErrorCrashesWithIt() throws Exception {
		IOException io = new IOException("disk");
		AssertionError error = new AssertionError("broken invariant");
		ProcessHandle checked = this.runtime.spawn((ctx) -> {
			throw io;
		});
		ProcessHandle fatal = this.runtime.spawn((ctx) -> {
			throw error;
		});
		assertThat(ended(checked)).isEqualTo(ExitReason.crashed(io));
		assertThat(ended(fatal)).isEqualTo(ExitReason.crashed(error));
		assertThat(ended(checked).isAbnormal()).isTrue();
	}

	@Test
	void aBodyEndingItselfWithAProcessExitExceptionEndsWithItsReason() throws Exception {
		ProcessHandle handle = this.runtime.spawn((ctx) -> {
			throw new ProcessExitException(ExitReason.SHUTDOWN);
		});
		assertThat(ended(handle)).isEqualTo(ExitReason.SHUTDOWN);
	}

	@Test // seed: spawns_many_processes_concurrently
	void spawnsManyProcessesConcurrently() throws Exception {
		List<ProcessHandle> handles = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			handles.add(this.runtime.spawn((ctx) -> {
			}));
		}
		for (ProcessHandle handle : handles) {
			assertThat(ended(handle)).isEqualTo(ExitReason.NORMAL);
		}
		assertThat(this.runtime.spawned()).isEqualTo(1000);
		assertThat(this.runtime.finished()).isEqualTo(1000);
		assertThat(this.runtime.processCount()).isZero();
	}

	@RepeatedTest(10)
	void spawnsFromManyThreadsAtOnceGetUniquePids() throws Exception {
		int threads = 8;
		int perThread = 125;
		CountDownLatch start = new CountDownLatch(1);
		Set<Pid> pids = ConcurrentHashMap.newKeySet();
		List<ProcessHandle> handles = Collections.synchronizedList(new ArrayList<>());
		List<Thread> spawners = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			spawners.add(Thread.ofPlatform().start(() -> {
				try {
					start.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				for (int i = 0; i < perThread; i++) {
					ProcessHandle handle = this.runtime.spawn((ctx) -> pids.add(ctx.self()));
					handles.add(handle);
				}
			}));
		}
		start.countDown();
		for (Thread spawner : spawners) {
			assertThat(spawner.join(WAIT)).isTrue();
		}
		assertThat(handles).hasSize(threads * perThread);
		for (ProcessHandle handle : handles) {
			assertThat(ended(handle)).isEqualTo(ExitReason.NORMAL);
		}
		assertThat(pids).hasSize(threads * perThread);
		assertThat(handles.stream().map(ProcessHandle::pid).toList()).doesNotHaveDuplicates();
		assertThat(this.runtime.spawned()).isEqualTo(threads * perThread);
		assertThat(this.runtime.finished()).isEqualTo(threads * perThread);
		assertThat(this.runtime.processCount()).isZero();
	}

	// ------------------------------------------------------------------ kill

	@Test // seed: kill_terminates_a_running_process
	void killTerminatesARunningProcess() throws Exception {
		ProcessHandle handle = this.runtime.spawn(parked());
		Pid pid = handle.pid();
		assertThat(this.runtime.isAlive(pid)).isTrue();
		assertThat(handle.kill()).isTrue();
		assertThat(ended(handle)).isEqualTo(ExitReason.KILLED);
		assertThat(this.runtime.isAlive(pid)).isFalse();
		assertThat(this.runtime.processCount()).isZero();
		assertThat(this.runtime.finished()).isEqualTo(1);
	}

	@Test // seed: runtime_kill_signals_a_live_process
	void runtimeKillSignalsALiveProcess() throws Exception {
		ProcessHandle handle = this.runtime.spawn(parked());
		assertThat(this.runtime.kill(handle.pid())).isTrue();
		assertThat(ended(handle)).isEqualTo(ExitReason.KILLED);
		assertThat(this.runtime.isAlive(handle.pid())).isFalse();
	}

	@Test // seed: kill_unknown_pid_returns_false
	void killOfAnUnknownOrFinishedPidReturnsFalse() throws Exception {
		assertThat(this.runtime.kill(Pid.of(999_999_999L))).isFalse();
		ProcessHandle handle = this.runtime.spawn((ctx) -> {
		});
		ended(handle);
		assertThat(this.runtime.kill(handle.pid())).isFalse();
		assertThat(handle.kill()).isFalse();
		assertThat(handle.join()).isEqualTo(ExitReason.NORMAL);
	}

	@Test // seed: killing_a_parked_receiver_stops_it_and_cleans_up
	void killingAParkedReceiverStopsItAndCleansUp() throws Exception {
		BlockingQueue<String> events = new LinkedBlockingQueue<>();
		ProcessHandle handle = this.runtime.spawn((ctx) -> {
			events.add("receiving");
			ctx.receive();
			events.add("received");
		});
		assertThat(next(events)).isEqualTo("receiving");
		assertThat(this.runtime.isAlive(handle.pid())).isTrue();
		assertThat(handle.kill()).isTrue();
		assertThat(ended(handle)).isEqualTo(ExitReason.KILLED);
		assertThat(events).isEmpty();
		assertThat(this.runtime.isAlive(handle.pid())).isFalse();
		assertThat(this.runtime.finished()).isEqualTo(1);
	}

	@Test
	void killWakesAProcessFromEveryBlockingCall() throws Exception {
		BlockingQueue<String> events = new LinkedBlockingQueue<>();
		ProcessHandle timedReceive = this.runtime.spawn((ctx) -> {
			events.add("timed receive");
			ctx.receive(Duration.ofMinutes(5));
		});
		ProcessHandle selectiveReceive = this.runtime.spawn((ctx) -> {
			events.add("selective receive");
			ctx.receive((message) -> false);
		});
		ProcessHandle sleeping = this.runtime.spawn((ctx) -> {
			events.add("sleep");
			ctx.sleep(Duration.ofMinutes(5));
		});
		ProcessHandle jdkBlocked = this.runtime.spawn((ctx) -> {
			events.add("latch");
			new CountDownLatch(1).await();
		});
		for (int i = 0; i < 4; i++) {
			next(events);
		}
		for (ProcessHandle handle : List.of(timedReceive, selectiveReceive, sleeping, jdkBlocked)) {
			assertThat(handle.kill()).isTrue();
		}
		for (ProcessHandle handle : List.of(timedReceive, selectiveReceive, sleeping, jdkBlocked)) {
			assertThat(ended(handle)).as("%s", handle).isEqualTo(ExitReason.KILLED);
		}
	}

	/**
	 * Holds every carrier thread of the virtual-thread scheduler with spinning virtual threads, so
	 * that processes spawned meanwhile cannot start; kills half of them, then lets them all run.
	 * Exactly the spared half may ever enter its body. While the carriers are held the test thread
	 * does plain JDK work only (no assertion library), so the hold stays short.
	 */
	@Test
	void aKillThatLandsBeforeTheFirstRunMeansTheBodyNeverRuns() throws Exception {
		int carriers = Integer.getInteger("jdk.virtualThreadScheduler.parallelism",
				java.lang.Runtime.getRuntime().availableProcessors());
		CountDownLatch spinning = new CountDownLatch(carriers);
		AtomicBoolean release = new AtomicBoolean();
		AtomicBoolean probeRan = new AtomicBoolean();
		Set<Pid> entered = ConcurrentHashMap.newKeySet();
		List<ProcessHandle> killed = new ArrayList<>();
		List<ProcessHandle> spared = new ArrayList<>();
		List<Boolean> kills = new ArrayList<>();
		List<Thread> spinners = new ArrayList<>();
		boolean held;
		boolean probeRanWhileHeld;
		Set<Pid> enteredWhileHeld;
		try {
			for (int i = 0; i < carriers; i++) {
				spinners.add(Thread.ofVirtual().start(() -> {
					spinning.countDown();
					while (!release.get()) {
						Thread.onSpinWait();
					}
				}));
			}
			held = spinning.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			Thread.ofVirtual().start(() -> probeRan.set(true));
			for (int i = 0; i < 200; i++) {
				ProcessHandle handle = this.runtime.spawn((ctx) -> {
					entered.add(ctx.self());
					ctx.receive();
				});
				if (i % 2 == 0) {
					kills.add(handle.kill());
					killed.add(handle);
				}
				else {
					spared.add(handle);
				}
			}
			probeRanWhileHeld = probeRan.get();
			enteredWhileHeld = Set.copyOf(entered);
		}
		finally {
			release.set(true);
			for (Thread spinner : spinners) {
				spinner.join(WAIT);
			}
		}
		assertThat(held).as("spinners hold the carriers").isTrue();
		Assumptions.assumeFalse(probeRanWhileHeld, "no virtual thread could run while the carriers were held");
		assertThat(enteredWhileHeld).isEmpty();
		assertThat(kills).containsOnly(true);
		for (ProcessHandle handle : killed) {
			assertThat(ended(handle)).isEqualTo(ExitReason.KILLED);
		}
		Set<Pid> sparedPids = new HashSet<>(spared.stream().map(ProcessHandle::pid).toList());
		eventually().until(() -> entered.containsAll(sparedPids));
		assertThat(entered).as("only processes not killed before they started ran their body")
			.containsExactlyInAnyOrderElementsOf(sparedPids);
		for (ProcessHandle handle : spared) {
			assertThat(handle.kill()).isTrue();
			assertThat(ended(handle)).isEqualTo(ExitReason.KILLED);
		}
		assertThat(this.runtime.spawned()).isEqualTo(200);
		assertThat(this.runtime.finished()).isEqualTo(200);
	}

	@RepeatedTest(30)
	void aKillRightAfterSpawnAlwaysEndsTheProcessKilled() throws Exception {
		AtomicInteger entries = new AtomicInteger();
		List<ProcessHandle> handles = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			ProcessHandle handle = this.runtime.spawn((ctx) -> {
				entries.incrementAndGet();
				ctx.receive();
			});
			assertThat(handle.kill()).isTrue();
			handles.add(handle);
		}
		for (ProcessHandle handle : handles) {
			assertThat(ended(handle)).isEqualTo(ExitReason.KILLED);
		}
		assertThat(entries.get()).isLessThanOrEqualTo(100);
		assertThat(this.runtime.processCount()).isZero();
		assertThat(this.runtime.finished()).isEqualTo(this.runtime.spawned());
	}

	@Test
	void aBodyThatSwallowsTheKillStillEndsKilled() throws Exception {
		BlockingQueue<String> events = new LinkedBlockingQueue<>();
		ProcessHandle handle = this.runtime.spawn((ctx) -> {
			events.add("started");
			try {
				ctx.receive();
				events.add("first receive returned");
			}
			catch (ProcessExitException ex) {
				events.add("first receive threw " + ex.reason());
			}
			try {
				ctx.receive();
				events.add("second receive returned");
			}
			catch (ProcessExitException ex) {
				events.add("second receive threw " + ex.reason());
			}
			try {
				ctx.receive(Duration.ofMinutes(5));
				events.add("timed receive returned");
			}
			catch (ProcessExitException ex) {
				events.add("timed receive threw " + ex.reason());
			}
			try {
				ctx.sleep(Duration.ofMinutes(5));
				events.add("sleep returned");
			}
			catch (ProcessExitException ex) {
				events.add("sleep threw " + ex.reason());
			}
			try {
				new CountDownLatch(1).await(5, TimeUnit.MINUTES);
				events.add("latch returned");
			}
			catch (InterruptedException ex) {
				events.add("latch interrupted");
			}
			// and then the body returns as if nothing happened
		});
		assertThat(next(events)).isEqualTo("started");
		assertThat(handle.kill()).isTrue();
		assertThat(ended(handle)).isEqualTo(ExitReason.KILLED);
		assertThat(events).containsExactly("first receive threw KILLED", "second receive threw KILLED",
				"timed receive threw KILLED", "sleep threw KILLED", "latch interrupted");
	}

	@Test
	void aBodyThatSwallowsTheKillAndThenThrowsStillEndsKilled() throws Exception {
		BlockingQueue<String> events = new LinkedBlockingQueue<>();
		ProcessHandle handle = this.runtime.spawn((ctx) -> {
			try {
				events.add("started");
				ctx.receive();
			}
			catch (ProcessExitException ex) {
				throw new IllegalStateException("not what the killer decided");
			}
		});
		assertThat(next(events)).isEqualTo("started");
		handle.kill();
		assertThat(ended(handle)).isEqualTo(ExitReason.KILLED);
	}

	@Test
	void exitEndsAProcessWithTheChosenReason() throws Exception {
		IllegalArgumentException cause = new IllegalArgumentException("bad plan");
		ProcessHandle crashed = this.runtime.spawn(parked());
		ProcessHandle shutDown = this.runtime.spawn(parked());
		assertThat(this.runtime.exit(crashed.pid(), ExitReason.crashed(cause))).isTrue();
		assertThat(this.runtime.exit(shutDown.pid(), ExitReason.SHUTDOWN)).isTrue();
		assertThat(ended(crashed)).isInstanceOfSatisfying(ExitReason.Crashed.class,
				(reason) -> assertThat(reason.cause()).isSameAs(cause));
		assertThat(ended(shutDown)).isEqualTo(ExitReason.SHUTDOWN);
		assertThat(this.runtime.exit(crashed.pid(), ExitReason.KILLED)).isFalse();
		assertThat(this.runtime.exit(Pid.of(987_654_321L), ExitReason.NORMAL)).isFalse();
	}

	@Test
	void theFirstReasonStagedForAProcessWins() throws Exception {
		BlockingQueue<String> events = new LinkedBlockingQueue<>();
		ProcessHandle handle = this.runtime.spawn((ctx) -> {
			events.add("started");
			try {
				ctx.receive();
			}
			catch (ProcessExitException ex) {
				events.add("told " + ex.reason());
				events.add("then " + this.runtime.kill(ctx.self()));
				ctx.receive();
			}
		});
		assertThat(next(events)).isEqualTo("started");
		assertThat(this.runtime.exit(handle.pid(), ExitReason.SHUTDOWN)).isTrue();
		assertThat(ended(handle)).isEqualTo(ExitReason.SHUTDOWN);
		assertThat(events).containsExactly("told SHUTDOWN", "then true");
	}

	@Test
	void aStormOf100000SpawnsAndKillsEndsWithNothingLeft() throws Exception {
		int total = 100_000;
		int spawners = 4;
		int perSpawner = total / spawners;
		List<ProcessHandle> handles = Collections.synchronizedList(new ArrayList<>(total));
		CountDownLatch done = new CountDownLatch(spawners);
		// half the storm comes from ordinary threads, half from processes spawning and killing children
		for (int s = 0; s < spawners / 2; s++) {
			Thread.ofPlatform().start(() -> {
				try {
					storm(perSpawner, handles, (body) -> this.runtime.spawn(body), this.runtime::kill);
				}
				finally {
					done.countDown();
				}
			});
		}
		for (int s = 0; s < spawners / 2; s++) {
			this.runtime.spawn((ctx) -> {
				try {
					storm(perSpawner, handles, ctx::spawn, ctx::kill);
				}
				finally {
					done.countDown();
				}
			});
		}
		assertThat(done.await(60, TimeUnit.SECONDS)).as("spawners finished").isTrue();
		eventually().atMost(Duration.ofSeconds(60))
			.until(() -> this.runtime.processCount() == 0 && this.runtime.spawned() == this.runtime.finished());
		assertThat(handles).hasSize(total);
		assertThat(this.runtime.spawned()).isEqualTo(total + spawners / 2);
		assertThat(this.runtime.finished()).isEqualTo(this.runtime.spawned());
		assertThat(this.runtime.list()).isEmpty();
		for (ProcessHandle handle : handles) {
			// out of the table, its thread may still be finishing its teardown: wait for that
			assertThat(ended(handle)).isEqualTo(ExitReason.KILLED);
		}
	}

	/** Spawns {@code count} receiving processes, killing every other one at once and the rest at the end. */
	private static void storm(int count, List<ProcessHandle> handles,
			java.util.function.Function<ProcessBody, ProcessHandle> spawn, java.util.function.Predicate<Pid> kill) {
		List<Pid> later = new ArrayList<>(count / 2);
		List<ProcessHandle> mine = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			ProcessHandle handle = spawn.apply(Context::receive);
			mine.add(handle);
			if (i % 2 == 0) {
				kill.test(handle.pid());
			}
			else {
				later.add(handle.pid());
			}
		}
		for (Pid pid : later) {
			kill.test(pid);
		}
		handles.addAll(mine);
	}

}
