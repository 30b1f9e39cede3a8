package io.rusm.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static io.rusm.core.ProcessProbes.WAIT;
import static io.rusm.core.ProcessProbes.ended;
import static io.rusm.core.ProcessProbes.eventually;
import static io.rusm.core.ProcessProbes.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * {@link Context#hibernate(ProcessBody)}: a hibernating process holds no thread, the next message
 * or exit signal starts the next body on a new one, and the process stays itself throughout (pid,
 * names, links, monitors, calls, join). The races that matter: a message or a kill arriving while
 * the process lets its thread go must wake it exactly once, never lost and never on two threads.
 */
class HibernationTests {

	private final OpenRuntimes runtimes = new OpenRuntimes();

	@AfterEach
	void close() {
		this.runtimes.close();
	}

	/** What a body saw: the thread it ran on, its pid, and the message that woke it. */
	private record Woken(Thread thread, Pid self, Object message) {
	}

	/** A body that reports its thread, hibernates, and when woken reports the message and its thread. */
	private static ProcessBody reportingThenHibernating(BlockingQueue<Woken> reports) {
		return (ctx) -> {
			reports.add(new Woken(Thread.currentThread(), ctx.self(), "started"));
			ctx.hibernate((woken) -> {
				reports.add(new Woken(Thread.currentThread(), woken.self(), woken.receive()));
				woken.receive();
			});
		};
	}

	private static void awaitHibernating(Runtime runtime, Pid pid) {
		eventually().alias(pid + " hibernates")
			.until(() -> runtime.info(pid).map(ProcessInfo::state).orElse(null) == ProcessInfo.State.HIBERNATING);
	}

	@Test
	void aHibernatingProcessHoldsNoThreadAndTheNextMessageRunsTheNextBodyOnANewOne() throws Exception {
		Runtime runtime = this.runtimes.create();
		BlockingQueue<Woken> reports = new LinkedBlockingQueue<>();
		ProcessHandle handle = runtime.spawn(reportingThenHibernating(reports));
		Woken started = next(reports);

		awaitHibernating(runtime, handle.pid());
		started.thread().join(WAIT);
		assertThat(started.thread().isAlive()).as("the first thread ended").isFalse();
		assertThat(runtime.stackTrace(handle.pid())).contains(List.of());
		assertThat(handle.isAlive()).isTrue();

		assertThat(runtime.send(handle.pid(), "wake up")).isTrue();
		Woken woken = next(reports);
		assertThat(woken.message()).isEqualTo("wake up");
		assertThat(woken.self()).isEqualTo(handle.pid());
		assertThat(woken.thread()).isNotSameAs(started.thread());
		assertThat(woken.thread().isVirtual()).isTrue();
		eventually().until(() -> runtime.info(handle.pid()).orElseThrow().state() == ProcessInfo.State.RUNNING
				&& !runtime.stackTrace(handle.pid()).orElseThrow().isEmpty());
	}

	/** A counter that hibernates after every message, its count carried in what the next body captures. */
	private static ProcessBody counter(int count) {
		return (ctx) -> {
			switch (ctx.receive()) {
				case Call call -> call.reply(count);
				case Integer increment -> {
					ctx.hibernate(counter(count + increment));
					return;
				}
				default -> {
				}
			}
			ctx.hibernate(counter(count));
		};
	}

	@Test
	void stateCarriesAcrossHibernationsInWhatTheNextBodyCaptures() {
		Runtime runtime = this.runtimes.create();
		Pid pid = runtime.spawn((ctx) -> ctx.hibernate(counter(0))).pid();
		for (int i = 0; i < 100; i++) {
			runtime.send(pid, 1);
		}
		Integer count = runtime.call(pid, "get", WAIT);
		assertThat(count).isEqualTo(100);
	}

	@Test
	void aWokenProcessIsStillItselfToTheRuntime() throws Exception {
		Runtime runtime = this.runtimes.create();
		Pid echo = runtime.spawn((ctx) -> {
			for (;;) {
				if (ctx.receive() instanceof Call call) {
					call.reply(call.request());
				}
			}
		}).pid();
		BlockingQueue<Object> results = new LinkedBlockingQueue<>();
		Pid pid = runtime.spawn((ctx) -> {
			assertThat(ctx.register("sleeper")).isTrue();
			ctx.hibernate((woken) -> {
				woken.receive();
				results.add(woken.runtime().<Object>call(echo, "ping", WAIT));
				try {
					woken.runtime().call(woken.self(), "me", WAIT);
				}
				catch (IllegalStateException ex) {
					results.add(ex.getMessage());
				}
				results.add(woken.receive(Duration.ZERO).isEmpty());
				woken.receive();
			});
		}).pid();
		awaitHibernating(runtime, pid);
		assertThat(runtime.whereis("sleeper")).contains(pid);

		assertThat(runtime.sendNamed("sleeper", "go")).isTrue();
		assertThat(next(results)).as("a call from the woken process").isEqualTo("ping");
		assertThat(next(results)).as("the runtime knows who calls").asString().contains("cannot call itself");
		assertThat(next(results)).as("receive is allowed on the new thread").isEqualTo(true);
	}

	@Test
	void aKilledHibernatingProcessEndsAndReleasesWhatItHeld() throws Exception {
		Runtime runtime = this.runtimes.create();
		BlockingQueue<Object> downs = new LinkedBlockingQueue<>();
		ProcessHandle handle = runtime.spawn((ctx) -> {
			ctx.register("sleeper");
			ctx.registerTag("sleepers");
			ctx.hibernate(ProcessProbes.parked());
		});
		Pid watcher = ProcessProbes.watcher(runtime, downs);
		runtime.monitor(watcher, handle.pid());
		awaitHibernating(runtime, handle.pid());

		assertThat(runtime.kill(handle.pid())).isTrue();

		assertThat(ended(handle)).isEqualTo(ExitReason.KILLED);
		assertThat(next(downs)).isInstanceOfSatisfying(Signal.Down.class,
				(down) -> assertThat(down.reason()).isEqualTo(ExitReason.KILLED));
		assertThat(runtime.whereis("sleeper")).isEmpty();
		assertThat(runtime.whereisTag("sleepers")).isEmpty();
		assertThat(runtime.info(handle.pid())).isEmpty();
	}

	@Test
	void anExitSignalWakesATrappingProcessAndEndsAPlainOne() throws Exception {
		Runtime runtime = this.runtimes.create();
		BlockingQueue<Object> trapped = new LinkedBlockingQueue<>();
		ProcessHandle trapping = runtime.spawn(SpawnOptions.builder().trapExit(true).build(),
				(ctx) -> ctx.hibernate((woken) -> {
					trapped.add(woken.receive());
					woken.receive();
				}));
		ProcessHandle plain = runtime.spawn((ctx) -> ctx.hibernate(ProcessProbes.parked()));
		ProcessHandle crashing = ProcessProbes.gated(runtime, (ctx) -> {
			throw new IllegalStateException("boom");
		});
		runtime.link(crashing.pid(), trapping.pid());
		runtime.link(crashing.pid(), plain.pid());
		awaitHibernating(runtime, trapping.pid());
		awaitHibernating(runtime, plain.pid());

		ProcessProbes.go(runtime, crashing);

		assertThat(next(trapped)).isInstanceOfSatisfying(Signal.Exit.class,
				(exit) -> assertThat(exit.from()).isEqualTo(crashing.pid()));
		assertThat(ended(plain)).isInstanceOf(ExitReason.Crashed.class);
		assertThat(trapping.isAlive()).isTrue();
	}

	@Test
	void aTimerWakesAHibernatingProcess() throws Exception {
		Runtime runtime = this.runtimes.create();
		BlockingQueue<Woken> reports = new LinkedBlockingQueue<>();
		Pid pid = runtime.spawn(reportingThenHibernating(reports)).pid();
		next(reports);
		awaitHibernating(runtime, pid);

		runtime.sendAfter(pid, Duration.ofMillis(20), "tick");

		assertThat(next(reports).message()).isEqualTo("tick");
	}

	@Test
	void joinFollowsAProcessAcrossItsThreads() throws Exception {
		Runtime runtime = this.runtimes.create();
		ProcessHandle handle = runtime.spawn((ctx) -> ctx.hibernate((once) -> {
			once.receive();
			once.hibernate((twice) -> twice.receive());
		}));
		awaitHibernating(runtime, handle.pid());
		assertThat(handle.join(Duration.ofMillis(50))).as("still hibernating").isEmpty();
		BlockingQueue<ExitReason> joined = new LinkedBlockingQueue<>();
		Thread joiner = Thread.ofVirtual().start(() -> {
			try {
				joined.add(handle.join());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		eventually().until(() -> joiner.getState() == Thread.State.WAITING);

		runtime.send(handle.pid(), "once");
		awaitHibernating(runtime, handle.pid());
		assertThat(joined).as("the joiner outlives a thread of the process").isEmpty();
		runtime.send(handle.pid(), "twice");

		assertThat(next(joined)).isEqualTo(ExitReason.NORMAL);
		assertThat(handle.isAlive()).isFalse();
	}

	@Test
	void somethingAlreadyWaitingRunsTheNextBodyAtOnceOnTheSameThread() throws Exception {
		Runtime runtime = this.runtimes.create();
		BlockingQueue<Object> seen = new LinkedBlockingQueue<>();
		Pid pid = runtime.spawn((ctx) -> {
			ctx.receive("second"::equals);
			Thread first = Thread.currentThread();
			ctx.hibernate((woken) -> {
				seen.add(Thread.currentThread() == first);
				seen.add(woken.receive());
				woken.receive();
			});
		}).pid();
		runtime.send(pid, "first");
		runtime.send(pid, "second");

		assertThat(next(seen)).as("no new thread for a saved message").isEqualTo(true);
		assertThat(next(seen)).as("the message a selective receive skipped").isEqualTo("first");
	}

	@Test
	void aBodyThatFailsAfterAskingToHibernateCrashesInstead() throws Exception {
		Runtime runtime = this.runtimes.create();
		ProcessHandle handle = runtime.spawn((ctx) -> {
			ctx.hibernate(ProcessProbes.parked());
			throw new IllegalStateException("changed its mind");
		});
		assertThat(ended(handle)).isInstanceOfSatisfying(ExitReason.Crashed.class,
				(crashed) -> assertThat(crashed.toString()).contains("changed its mind"));
	}

	@Test
	void shutdownEndsHibernatingProcesses() {
		Runtime runtime = this.runtimes.create();
		List<Pid> pids = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			pids.add(runtime.spawn((ctx) -> ctx.hibernate(ProcessProbes.parked())).pid());
		}
		pids.forEach((pid) -> awaitHibernating(runtime, pid));

		ShutdownReport report = runtime.shutdownGracefully(WAIT);

		assertThat(report.exitedInTime()).isEqualTo(100);
		assertThat(runtime.processCount()).isZero();
	}

	@Test
	void badInputIsRefusedByName() throws Exception {
		Runtime runtime = this.runtimes.create();
		BlockingQueue<Object> outcomes = new LinkedBlockingQueue<>();
		BlockingQueue<Context> contexts = new LinkedBlockingQueue<>();
		runtime.spawn((ctx) -> {
			try {
				ctx.hibernate(null);
			}
			catch (NullPointerException ex) {
				outcomes.add(ex);
			}
			contexts.add(ctx);
			ctx.receive();
		});
		assertThat(next(outcomes)).isInstanceOfSatisfying(NullPointerException.class,
				(ex) -> assertThat(ex).hasMessageContaining("next"));
		Context foreign = next(contexts);
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> foreign.hibernate(ProcessProbes.parked()))
			.withMessageContaining("hibernate may only be called by the process");
		assertThatNullPointerException().isThrownBy(() -> foreign.hibernate(null)).withMessageContaining("next");
	}

	/**
	 * Many processes that hibernate after every message, fed by senders on other threads: every
	 * message must be received (none lost to a process letting its thread go just as it arrives),
	 * and a process must never run on two threads at once (no message woke it twice).
	 */
	@RepeatedTest(20)
	void messagesRacingAHibernationAreNeitherLostNorHandledTwice() throws Exception {
		Runtime runtime = this.runtimes.create();
		int processes = 50;
		int messagesPerSender = 400;
		int senders = 4;
		AtomicInteger overlaps = new AtomicInteger();
		CountDownLatch received = new CountDownLatch(processes * messagesPerSender * senders);
		List<Pid> pids = new ArrayList<>();
		for (int i = 0; i < processes; i++) {
			AtomicInteger inside = new AtomicInteger();
			pids.add(runtime.spawn((ctx) -> ctx.hibernate(exclusive(inside, overlaps, received))).pid());
		}
		List<Thread> sending = new ArrayList<>();
		for (int s = 0; s < senders; s++) {
			sending.add(Thread.ofPlatform().start(() -> {
				for (int m = 0; m < messagesPerSender; m++) {
					for (Pid pid : pids) {
						runtime.send(pid, m);
					}
					if (ThreadLocalRandom.current().nextInt(8) == 0) {
						Thread.yield();
					}
				}
			}));
		}
		for (Thread sender : sending) {
			sender.join();
		}

		assertThat(received.await(WAIT.toMillis(), TimeUnit.MILLISECONDS))
			.as("every message received, %d missing", received.getCount()).isTrue();
		assertThat(overlaps).as("bodies of one process running at once").hasValue(0);
		pids.forEach((pid) -> awaitHibernating(runtime, pid));
	}

	/** Receives one message, counting any other body of the same process running meanwhile. */
	private static ProcessBody exclusive(AtomicInteger inside, AtomicInteger overlaps, CountDownLatch received) {
		return (ctx) -> {
			if (inside.incrementAndGet() != 1) {
				overlaps.incrementAndGet();
			}
			ctx.receive();
			received.countDown();
			inside.decrementAndGet();
			ctx.hibernate(exclusive(inside, overlaps, received));
		};
	}

	/**
	 * Kills racing processes that hibernate and wake all the time: whatever point of a hibernation
	 * a kill lands on, the process must end, killed.
	 */
	@RepeatedTest(20)
	void killsRacingAHibernationAlwaysEndTheProcess() throws Exception {
		Runtime runtime = this.runtimes.create();
		int processes = 200;
		List<ProcessHandle> handles = new ArrayList<>();
		for (int i = 0; i < processes; i++) {
			handles.add(runtime.spawn((ctx) -> ctx.hibernate(restless())));
		}
		Thread feeder = Thread.ofPlatform().start(() -> {
			for (int round = 0; round < 20; round++) {
				for (ProcessHandle handle : handles) {
					runtime.send(handle.pid(), round);
				}
			}
		});
		for (ProcessHandle handle : handles) {
			if (ThreadLocalRandom.current().nextBoolean()) {
				Thread.yield();
			}
			runtime.kill(handle.pid());
		}
		feeder.join();

		for (ProcessHandle handle : handles) {
			Optional<ExitReason> reason = handle.join(WAIT);
			assertThat(reason).as("%s ended", handle.pid()).contains(ExitReason.KILLED);
		}
		assertThat(runtime.processCount()).isZero();
	}

	/** Hibernates after every message it receives. */
	private static ProcessBody restless() {
		return (ctx) -> {
			ctx.receive();
			ctx.hibernate(restless());
		};
	}

}
