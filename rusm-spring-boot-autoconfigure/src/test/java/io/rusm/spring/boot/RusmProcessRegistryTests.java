package io.rusm.spring.boot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.rusm.core.ExitReason;
import io.rusm.core.Pid;
import io.rusm.core.ProcessBody;
import io.rusm.core.Restart;
import io.rusm.core.Runtime;
import io.rusm.core.Signal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link RusmProcessRegistry}.
 */
class RusmProcessRegistryTests {

	private final Map<Pid, ExitReason> exits = new ConcurrentHashMap<>();

	private final Runtime runtime = Runtime.builder()
		.exitListener((event) -> this.exits.put(event.pid(), event.reason()))
		.build();

	@AfterEach
	void closeRuntime() {
		this.runtime.close();
	}

	@Test
	void phaseIsBelowTheWebServerStartStopPhase() {
		RusmProcessRegistry registry = registry(Duration.ofSeconds(1));
		assertThat(registry.getPhase()).isLessThan(WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE);
		assertThat(registry.isAutoStartup()).isTrue();
	}

	@Test
	void stopWithCallbackIsNotRunningAtOnceAndCallsBackOnceWhenStopped() throws InterruptedException {
		RusmProcessRegistry registry = registry(Duration.ofSeconds(5));
		CountDownLatch trapping = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		registry.register(List.of(definition("slow", (ctx) -> {
			ctx.trapExits(true);
			trapping.countDown();
			Object message;
			do {
				message = ctx.receive();
			}
			while (!(message instanceof Signal.Exit));
			release.await();
		})));
		registry.start();
		assertThat(registry.isRunning()).isTrue();
		trapping.await();
		Pid pid = this.runtime.whereis("slow").orElseThrow();
		AtomicInteger callbacks = new AtomicInteger();
		CountDownLatch stopped = new CountDownLatch(1);
		registry.stop(() -> {
			callbacks.incrementAndGet();
			stopped.countDown();
		});
		assertThat(registry.isRunning()).isFalse();
		assertThat(stopped.await(100, TimeUnit.MILLISECONDS)).isFalse();
		release.countDown();
		assertThat(stopped.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(callbacks).hasValue(1);
		assertThat(this.runtime.isAlive(pid)).isFalse();
		assertThat(registry.singletons()).singleElement().satisfies((status) -> {
			assertThat(status.state()).isEqualTo(SingletonStatus.State.STOPPED);
			assertThat(status.pid()).isNull();
			assertThat(status.lastExit()).as("it trapped the shutdown and returned").isEqualTo(ExitReason.NORMAL);
		});
	}

	@Test
	void stopWithCallbackCallsBackAtOnceWhenNothingIsToStop() {
		RusmProcessRegistry registry = registry(Duration.ofSeconds(5));
		registry.register(List.of());
		registry.start();
		List<Thread> callers = new ArrayList<>();
		registry.stop(() -> callers.add(Thread.currentThread()));
		assertThat(callers).containsExactly(Thread.currentThread());
		assertThat(registry.isRunning()).isFalse();
	}

	@Test
	void stopWithCallbackAfterAStopCallsBackAtOnce() {
		RusmProcessRegistry registry = registry(Duration.ofSeconds(5));
		registry.register(List.of(definition("twice", (ctx) -> ctx.receive())));
		registry.start();
		registry.stop();
		List<Thread> callers = new ArrayList<>();
		registry.stop(() -> callers.add(Thread.currentThread()));
		assertThat(callers).containsExactly(Thread.currentThread());
	}

	@Test
	void statusFollowsStartCrashRestartAndExhaustion() throws InterruptedException {
		RusmProcessRegistry registry = new RusmProcessRegistry(this.runtime, 1, Duration.ofMinutes(1),
				Duration.ofSeconds(1));
		registry.register(List.of(definition("crashy", (ctx) -> {
			if ("crash".equals(ctx.receive())) {
				throw new IllegalStateException("crash requested");
			}
		})));
		registry.start();
		SingletonStatus started = registry.singletons().get(0);
		assertThat(started.state()).isEqualTo(SingletonStatus.State.RUNNING);
		assertThat(started.pid()).isEqualTo(this.runtime.whereis("crashy").orElseThrow());
		assertThat(started.supervisor()).isEqualTo(this.runtime.whereis("crashy-supervisor").orElseThrow());
		assertThat(started.restarts()).isZero();
		assertThat(started.lastExit()).isNull();
		this.runtime.sendNamed("crashy", "crash");
		await().until(() -> registry.singletons().get(0).restarts() == 1
				&& registry.singletons().get(0).state() == SingletonStatus.State.RUNNING);
		SingletonStatus restarted = registry.singletons().get(0);
		assertThat(restarted.pid()).isNotEqualTo(started.pid()).isEqualTo(this.runtime.whereis("crashy").orElseThrow());
		assertThat(restarted.lastExit()).isInstanceOf(ExitReason.Crashed.class);
		this.runtime.sendNamed("crashy", "crash");
		await().until(() -> registry.singletons().get(0).state() == SingletonStatus.State.EXHAUSTED);
		SingletonStatus exhausted = registry.singletons().get(0);
		assertThat(exhausted.pid()).isNull();
		assertThat(exhausted.lastExit()).isInstanceOfSatisfying(ExitReason.Crashed.class,
				(crashed) -> assertThat(crashed.cause()).hasMessage("crash requested"));
		registry.stop();
		assertThat(registry.singletons().get(0).state()).isEqualTo(SingletonStatus.State.EXHAUSTED);
	}

	@Test
	void aSingletonThatEndsNormallyUnderTransientRestartIsStopped() {
		RusmProcessRegistry registry = registry(Duration.ofSeconds(1));
		registry.register(List.of(new ProcessDefinition("brief", "brief", List.of(), Restart.TRANSIENT, "briefBean",
				() -> (ctx) -> ctx.receive())));
		registry.start();
		this.runtime.sendNamed("brief", "done");
		await().until(() -> registry.singletons().get(0).state() == SingletonStatus.State.STOPPED);
		assertThat(registry.singletons().get(0).lastExit()).isEqualTo(ExitReason.NORMAL);
		assertThat(registry.singletons().get(0).restarts()).isZero();
	}

	@Test
	void singletonThatIgnoresShutdownIsKilledAtTheTimeout() throws InterruptedException {
		RusmProcessRegistry registry = registry(Duration.ofMillis(200));
		CountDownLatch trapping = new CountDownLatch(1);
		registry.register(List.of(definition("stubborn", (ctx) -> {
			ctx.trapExits(true);
			trapping.countDown();
			while (true) {
				ctx.receive();
			}
		})));
		registry.start();
		trapping.await();
		Pid pid = this.runtime.whereis("stubborn").orElseThrow();
		long start = System.nanoTime();
		registry.stop();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
		// The kill is staged by stop(); the process tears down on its own thread, which a
		// loaded machine may schedule late, so its end is awaited rather than sampled.
		await().atMost(Duration.ofSeconds(10)).until(() -> !this.runtime.isAlive(pid));
	}

	@Test
	void startIsIdempotent() {
		RusmProcessRegistry registry = registry(Duration.ofSeconds(1));
		AtomicInteger starts = new AtomicInteger();
		registry.register(List.of(definition("once", (ctx) -> {
			starts.incrementAndGet();
			ctx.receive();
		})));
		registry.start();
		registry.start();
		assertThat(registry.singletons()).hasSize(1);
		assertThat(registry.singletons().get(0).state()).isEqualTo(SingletonStatus.State.RUNNING);
		registry.stop();
		assertThat(starts).hasValue(1);
	}

	@Test
	void stoppedSingletonExitsWithShutdown() {
		RusmProcessRegistry registry = registry(Duration.ofSeconds(1));
		registry.register(List.of(definition("plain", (ctx) -> ctx.receive())));
		registry.start();
		Pid pid = this.runtime.whereis("plain").orElseThrow();
		registry.stop();
		assertThat(registry.singletons().get(0).state()).isEqualTo(SingletonStatus.State.STOPPED);
		assertThat(this.runtime.isAlive(pid)).isFalse();
		assertThat(this.runtime.whereis("plain")).isEmpty();
		assertThat(this.runtime.whereis("plain-supervisor")).isEmpty();
		// Exit listeners are told last in a teardown, after the process left the table and its
		// supervisor saw it go: the event is awaited, not sampled.
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.exits).containsEntry(pid, ExitReason.SHUTDOWN));
	}

	private RusmProcessRegistry registry(Duration shutdownTimeout) {
		return new RusmProcessRegistry(this.runtime, 3, Duration.ofSeconds(5), shutdownTimeout);
	}

	private static ProcessDefinition definition(String name, ProcessBody body) {
		return new ProcessDefinition(name, name, List.of(), Restart.PERMANENT, name + "Bean", () -> body);
	}

}
