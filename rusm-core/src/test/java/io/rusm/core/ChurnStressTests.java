package io.rusm.core;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Thirty seconds of churn from several threads at once: spawns with every option, kills, exits,
 * crashes, links, monitors, names, tags, labels, timers, calls and group kills on a changing
 * population. Afterwards every table, registry, group, census entry and timer is empty, and the
 * live heap is back near where it started.
 */
class ChurnStressTests {

	/** How long the churn runs; {@code -Drusm.churn.seconds=N} shortens it for a quick local run. */
	private static final Duration CHURN = Duration.ofSeconds(Long.getLong("rusm.churn.seconds", 30));

	private static final int DRIVERS = 2;

	private static final int RECENT = 512;

	private static final int MAX_LIVE = 2_000;

	private static final long HEAP_SLACK_BYTES = 48L * 1024 * 1024;

	private final OpenRuntimes runtimes = new OpenRuntimes();

	private final Logger lifecycle = (Logger) LoggerFactory.getLogger("io.rusm.lifecycle");

	private Level previousLevel;

	/** Recently spawned pids, dead or alive: the targets of every operation. */
	private final AtomicReferenceArray<Pid> recent = new AtomicReferenceArray<>(RECENT);

	private final AtomicLong spawnCount = new AtomicLong();

	private final List<MonitorRef> monitors = new ArrayList<>();

	private final List<TimerRef> timers = new ArrayList<>();

	@BeforeEach
	void silenceTheLifecycleLog() {
		// every line is still built by a runtime at DEBUG; only its output is dropped
		this.previousLevel = this.lifecycle.getLevel();
		this.lifecycle.setLevel(Level.OFF);
	}

	@AfterEach
	void close() {
		this.runtimes.close();
		this.lifecycle.setLevel(this.previousLevel);
	}

	@Test
	void churnLeavesNothingBehind() throws Exception {
		LongAdder exits = new LongAdder();
		Runtime runtime = this.runtimes.build((builder) -> builder.lifecycleLog(LogLevel.DEBUG)
			.censusDebounce(Duration.ofMillis(50))
			.trackMailboxDepth(true)
			.exitListener((exit) -> exits.increment()));
		long heapBefore = settledHeap();

		long deadline = System.nanoTime() + CHURN.toNanos();
		List<Thread> drivers = new ArrayList<>();
		List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
		for (int d = 0; d < DRIVERS; d++) {
			drivers.add(Thread.ofPlatform().name("churn-" + d).start(() -> {
				try {
					while (System.nanoTime() < deadline) {
						step(runtime);
					}
				}
				catch (Throwable ex) {
					failures.add(ex);
				}
			}));
		}
		for (Thread driver : drivers) {
			driver.join();
		}
		assertThat(failures).isEmpty();
		assertThat(this.spawnCount.get()).as("spawns").isGreaterThan(1_000);

		runtime.shutdown();
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> runtime.processCount() == 0 && exits.sum() == runtime.spawned());
		assertThat(runtime.finished()).isEqualTo(runtime.spawned());
		assertThat(runtime.list()).isEmpty();
		assertThat(runtime.registered()).isEmpty();
		assertThat(runtime.tagCounts()).isEmpty();
		assertThat(runtime.census()).isEmpty();
		assertThat(runtime.pendingTimers()).isZero();
		synchronized (this) {
			assertThat(this.timers).noneMatch(TimerRef::isPending);
			this.monitors.clear();
			this.timers.clear();
		}
		for (int i = 0; i < RECENT; i++) {
			this.recent.set(i, null);
		}
		long heapAfter = settledHeap();
		assertThat(heapAfter - heapBefore).as("live heap growth in bytes after %s spawns", this.spawnCount.get())
			.isLessThan(HEAP_SLACK_BYTES);
	}

	/** One random operation. */
	private void step(Runtime runtime) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		Pid target = randomPid(random);
		Pid other = randomPid(random);
		switch (random.nextInt(20)) {
			case 0, 1, 2, 3 -> spawn(runtime, random);
			case 4 -> runtime.kill(target);
			case 5 -> runtime.send(target, random.nextBoolean() ? "crash" : "exit");
			case 6 -> runtime.link(target, other);
			case 7 -> runtime.unlink(target, other);
			case 8 -> remember(this.monitors, runtime.monitor(target, other));
			case 9 -> {
				MonitorRef ref = forgetOne(this.monitors, random);
				if (ref != null) {
					runtime.demonitor(ref);
				}
			}
			case 10 -> runtime.register("name-" + random.nextInt(64), target);
			case 11 -> runtime.unregister("name-" + random.nextInt(64));
			case 12 -> runtime.registerTag("tag-" + random.nextInt(16), target);
			case 13 -> runtime.unregisterTag("tag-" + random.nextInt(16), target);
			case 14 -> remember(this.timers, runtime.sendAfter(target,
					random.nextBoolean() ? Duration.ofMillis(random.nextInt(20)) : Duration.ofHours(1), "tick"));
			case 15 -> {
				TimerRef timer = forgetOne(this.timers, random);
				if (timer != null) {
					timer.cancel();
				}
			}
			case 16 -> runtime.setLabel(target, "label-" + random.nextInt(8));
			case 17 -> runtime.exit(target, random.nextBoolean() ? ExitReason.SHUTDOWN
					: ExitReason.crashed(new IllegalStateException("churn")));
			case 18 -> runtime.signalExit(target, ExitReason.SHUTDOWN);
			default -> {
				if (random.nextInt(50) == 0) {
					runtime.killTag("tag-" + random.nextInt(16));
				}
				else {
					call(runtime, target);
				}
			}
		}
		if (runtime.processCount() > MAX_LIVE) {
			runtime.killTag("tag-" + random.nextInt(16));
			for (int i = 0; i < RECENT; i += 2) {
				Pid pid = this.recent.get(i);
				if (pid != null) {
					runtime.kill(pid);
				}
			}
		}
	}

	private void spawn(Runtime runtime, ThreadLocalRandom random) {
		SpawnOptions.Builder options = SpawnOptions.builder();
		if (random.nextInt(3) == 0) {
			options.label("label-" + random.nextInt(8));
		}
		if (random.nextInt(3) == 0) {
			options.tags("tag-" + random.nextInt(16));
		}
		if (random.nextInt(5) == 0) {
			options.linkTo(randomPid(random));
		}
		if (random.nextInt(5) == 0) {
			options.monitoredBy(randomPid(random));
		}
		if (random.nextInt(10) == 0) {
			options.trapExit(true);
		}
		Pid pid;
		if (random.nextInt(20) == 0) {
			pid = runtime.whereisOrSpawn("name-" + random.nextInt(64), options.build(), ChurnStressTests::serve);
		}
		else {
			pid = runtime.spawn(options.build(), ChurnStressTests::serve).pid();
		}
		this.recent.set((int) (this.spawnCount.getAndIncrement() % RECENT), pid);
	}

	/** Serves calls, crashes or returns when told, and drops anything else. */
	private static void serve(Context ctx) {
		for (;;) {
			switch (ctx.receive()) {
				case Call call -> call.reply(ctx.self());
				case String command when command.equals("crash") -> throw new IllegalStateException("told to crash");
				case String command when command.equals("exit") -> {
					return;
				}
				default -> {
				}
			}
		}
	}

	private static void call(Runtime runtime, Pid target) {
		try {
			runtime.call(target, "who", Duration.ofMillis(50));
		}
		catch (CallException ex) {
			// dead, dying or slow: all part of the churn
		}
	}

	private Pid randomPid(ThreadLocalRandom random) {
		Pid pid = this.recent.get(random.nextInt(RECENT));
		return (pid != null) ? pid : Pid.SYSTEM;
	}

	private synchronized <T> void remember(List<T> list, T item) {
		if (list.size() < 4_096) {
			list.add(item);
		}
	}

	private synchronized <T> T forgetOne(List<T> list, ThreadLocalRandom random) {
		return list.isEmpty() ? null : list.remove(random.nextInt(list.size()));
	}

	private static long settledHeap() throws InterruptedException {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long used = Long.MAX_VALUE;
		for (int i = 0; i < 5; i++) {
			System.gc();
			Thread.sleep(100);
			used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
		}
		return used;
	}
}
