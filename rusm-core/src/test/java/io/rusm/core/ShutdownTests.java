package io.rusm.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.rusm.core.ProcessHandle;
import io.rusm.core.Runtime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static io.rusm.core.ProcessProbes.parked;
import static io.rusm.core.OpenRuntimes.PARKED;
import static io.rusm.core.ProcessProbes.eventually;
import static io.rusm.core.ProcessProbes.ended;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@code shutdown}, {@code shutdownGracefully}, {@code close}, and the keeper thread that holds the
 * JVM open while processes live.
 */
class ShutdownTests {

	private static final SpawnOptions TRAPPING = SpawnOptions.builder().trapExit(true).build();

	private static final Signal.Exit SHUTDOWN_SIGNAL = new Signal.Exit(Pid.SYSTEM, ExitReason.SHUTDOWN);

	private final OpenRuntimes runtimes = new OpenRuntimes();

	@AfterEach
	void closeRuntimes() {
		this.runtimes.close();
	}

	// seed: shutdown_stops_every_process
	@Test
	void shutdownStopsEveryProcess() throws Exception {
		Runtime runtime = this.runtimes.create();
		List<ProcessHandle> procs = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			procs.add(runtime.spawn(PARKED));
		}
		assertThat(runtime.processCount()).isEqualTo(5);
		assertThat(runtime.shutdown()).isEqualTo(5);
		for (ProcessHandle p : procs) {
			assertThat(ended(p)).isEqualTo(ExitReason.KILLED);
		}
		assertThat(runtime.processCount()).isZero();
		assertThat(runtime.shutdown()).as("nothing left to stop").isZero();

		assertThat(runtime.isShuttingDown()).as("shutdown() leaves the runtime usable").isFalse();
		assertThat(runtime.isAlive(runtime.spawn(PARKED).pid())).isTrue();
	}

	@Test
	void gracefulShutdownLetsTrappersDrainStopsTheOthersAndKillsStragglers() throws Exception {
		Runtime runtime = this.runtimes.create();
		List<Object> drained = new CopyOnWriteArrayList<>();
		ProcessHandle drainer = runtime.spawn(TRAPPING, (ctx) -> {
			drained.add(ctx.receive((message) -> message instanceof Signal.Exit));
			for (Optional<Object> next = ctx.receive(Duration.ZERO); next.isPresent(); next = ctx
				.receive(Duration.ZERO)) {
				drained.add(next.get());
			}
		});
		ProcessHandle plain = runtime.spawn(PARKED);
		CountDownLatch ignored = new CountDownLatch(1);
		ProcessHandle ignoring = runtime.spawn(TRAPPING, (ctx) -> {
			for (;;) {
				if (ctx.receive() instanceof Signal.Exit) {
					ignored.countDown();
				}
			}
		});
		for (String message : List.of("m1", "m2", "m3")) {
			assertThat(runtime.send(drainer.pid(), message)).isTrue();
		}

		ShutdownReport report = runtime.shutdownGracefully(Duration.ofSeconds(3));

		assertThat(report).isEqualTo(new ShutdownReport(3, 2, 1));
		assertThat(ended(drainer)).isEqualTo(ExitReason.NORMAL);
		assertThat(drained).as("the signal, then everything still in the mailbox")
			.containsExactly(SHUTDOWN_SIGNAL, "m1", "m2", "m3");
		assertThat(ended(plain)).isEqualTo(ExitReason.SHUTDOWN);
		assertThat(ignored.getCount()).as("the straggler did get the signal").isZero();
		assertThat(ended(ignoring)).isEqualTo(ExitReason.KILLED);
		assertThat(runtime.processCount()).isZero();
	}

	@Test
	void gracefulShutdownRefusesNewProcesses() throws Exception {
		Runtime runtime = this.runtimes.create();
		CompletableFuture<Throwable> fromInside = new CompletableFuture<>();
		runtime.spawn(TRAPPING, (ctx) -> {
			ctx.receive((message) -> message instanceof Signal.Exit);
			try {
				ctx.spawn(PARKED);
				fromInside.complete(null);
			}
			catch (RuntimeException ex) {
				fromInside.complete(ex);
			}
		});

		assertThat(runtime.shutdownGracefully(Duration.ofSeconds(5))).isEqualTo(new ShutdownReport(1, 1, 0));

		assertThat(runtime.isShuttingDown()).isTrue();
		assertThat(fromInside.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class);
		assertThatIllegalStateException().isThrownBy(() -> runtime.spawn(PARKED))
			.withMessageContaining("shutting down");
		assertThatIllegalStateException().isThrownBy(() -> runtime.whereisOrSpawn("late", PARKED))
			.withMessageContaining("shutting down");
		assertThatIllegalStateException().isThrownBy(() -> runtime.spawnLink(Pid.SYSTEM, PARKED));
		assertThat(runtime.processCount()).isZero();
		assertThat(runtime.spawned()).isEqualTo(1);
	}

	@RepeatedTest(30)
	void noProcessOutlivesAGracefulShutdownThatRacesSpawns() throws Exception {
		Runtime runtime = this.runtimes.create();
		CountDownLatch spawning = new CountDownLatch(100);
		AtomicReference<Throwable> refusal = new AtomicReference<>();
		Thread spawner = Thread.ofPlatform().start(() -> {
			try {
				for (;;) {
					runtime.spawn(PARKED);
					spawning.countDown();
				}
			}
			catch (Throwable ex) {
				refusal.set(ex);
			}
		});
		assertThat(spawning.await(10, TimeUnit.SECONDS)).isTrue();

		runtime.shutdownGracefully(Duration.ZERO);

		spawner.join(Duration.ofSeconds(10));
		assertThat(refusal.get()).isInstanceOf(IllegalStateException.class);
		eventually().until(() -> runtime.processCount() == 0);
	}

	@Test
	void gracefulShutdownDropsPendingTimers() throws Exception {
		Runtime runtime = this.runtimes.create();
		ProcessHandle p = runtime.spawn(TRAPPING, parked());
		runtime.sendAfter(p.pid(), Duration.ofHours(1), "later");
		runtime.sendAfter(p.pid(), Duration.ofHours(2), "much later");
		assertThat(runtime.pendingTimers()).isEqualTo(2);

		assertThat(runtime.shutdownGracefully(Duration.ZERO).signalled()).isEqualTo(1);
		assertThat(runtime.pendingTimers()).isZero();
		assertThat(ended(p)).isEqualTo(ExitReason.KILLED);
	}

	@Test
	void gracefulShutdownOfAnIdleRuntimeReportsNothing() {
		Runtime runtime = this.runtimes.create();
		assertThat(runtime.shutdownGracefully(Duration.ofSeconds(1))).isEqualTo(new ShutdownReport(0, 0, 0));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.runtimes.create().shutdownGracefully(Duration.ofSeconds(-1)))
			.withMessageContaining("timeout must not be negative");
	}

	@Test
	void closeShutsDownGracefullyAndIsIdempotent() throws Exception {
		Runtime runtime = this.runtimes.create();
		List<Object> seen = new CopyOnWriteArrayList<>();
		ProcessHandle trapper = runtime.spawn(TRAPPING, (ctx) -> seen.add(ctx.receive()));
		ProcessHandle plain = runtime.spawn(PARKED);

		runtime.close();
		assertThat(ended(trapper)).isEqualTo(ExitReason.NORMAL);
		assertThat(seen).containsExactly(SHUTDOWN_SIGNAL);
		assertThat(ended(plain)).isEqualTo(ExitReason.SHUTDOWN);

		runtime.close();
		assertThat(runtime.isShuttingDown()).isTrue();
		assertThatIllegalStateException().isThrownBy(() -> runtime.spawn(PARKED));
	}

	private static Set<Thread> keepers() {
		Set<Thread> keepers = new HashSet<>();
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			if (thread.getName().equals("rusm-keeper")) {
				keepers.add(thread);
			}
		}
		return keepers;
	}

	private static Thread newKeeper(Set<Thread> before) {
		Set<Thread> started = keepers();
		started.removeAll(before);
		assertThat(started).as("one new keeper thread").hasSize(1);
		return started.iterator().next();
	}

	@Test
	void aNonDaemonKeeperRunsWhileProcessesLiveAndGoesAwayOnShutdown() throws Exception {
		Set<Thread> before = keepers();
		Runtime runtime = this.runtimes.create();
		runtime.spawn(PARKED);
		Thread keeper = newKeeper(before);
		assertThat(keeper.isDaemon()).isFalse();
		assertThat(keeper.isAlive()).isTrue();

		runtime.shutdownGracefully(Duration.ofSeconds(5));
		eventually().until(() -> !keeper.isAlive() && !keepers().contains(keeper));
	}

	@Test
	void theKeeperGoesAwayWithTheLastProcessAndComesBackWithTheNext() throws Exception {
		Set<Thread> before = keepers();
		Runtime runtime = this.runtimes.create();
		ProcessHandle only = runtime.spawn(PARKED);
		Thread first = newKeeper(before);

		only.kill();
		ended(only);
		eventually().until(() -> !first.isAlive());

		runtime.spawn(PARKED);
		Thread second = newKeeper(before);
		assertThat(second).isNotSameAs(first);
		assertThat(second.isDaemon()).isFalse();
	}

	@Test
	void aRuntimeBuiltWithoutKeepAliveStartsNoKeeper() {
		Set<Thread> before = keepers();
		Runtime runtime = this.runtimes.build((builder) -> builder.keepAlive(false));
		ProcessHandle process = runtime.spawn(PARKED);
		assertThat(runtime.isAlive(process.pid())).isTrue();
		Set<Thread> started = keepers();
		started.removeAll(before);
		assertThat(started).as("keeper threads started for a runtime without keep-alive").isEmpty();
	}

}
