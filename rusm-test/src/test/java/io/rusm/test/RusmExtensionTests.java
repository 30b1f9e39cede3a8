package io.rusm.test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import io.rusm.core.ManualClock;
import io.rusm.core.ProcessHandle;
import io.rusm.core.Runtime;
import io.rusm.core.SpawnOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * {@link RusmExtension}: what it injects, and how it fails a test that leaks. The leak checks run
 * the fixture classes below through JUnit's own engine ({@link EngineTestKit}) and read the result.
 */
@RusmTest
class RusmExtensionTests {

	private Runtime fromBeforeEach;

	@BeforeEach
	void rememberRuntime(Runtime runtime) {
		this.fromBeforeEach = runtime;
	}

	@Test
	void beforeEachAndTheTestShareOneRuntime(Runtime runtime) {
		assertThat(runtime).isSameAs(this.fromBeforeEach);
	}

	@Test
	void timersRunOnTheInjectedClock(Runtime runtime, ManualClock clock, TestProbe probe) {
		runtime.sendAfter(probe.pid(), Duration.ofMinutes(1), "tick");
		probe.expectNoMessage(Duration.ofMillis(50));
		clock.advance(Duration.ofSeconds(59));
		probe.expectNoMessage(Duration.ofMillis(50));
		clock.advance(Duration.ofSeconds(1));
		probe.expectMessage("tick");
	}

	@Test
	void aCleanTestPasses() {
		run(CleanTests.class).testEvents().assertStatistics((stats) -> stats.started(3).succeeded(3).failed(0));
	}

	@Test
	void eachTestGetsItsOwnRuntimeClosedAfterIt() {
		run(RuntimeCapturingTests.class).testEvents().assertStatistics((stats) -> stats.succeeded(2));
		assertThat(RuntimeCapturingTests.SEEN).hasSize(2);
		assertThat(RuntimeCapturingTests.SEEN.get(0)).isNotSameAs(RuntimeCapturingTests.SEEN.get(1));
		assertThat(RuntimeCapturingTests.SEEN).allSatisfy((runtime) -> assertThat(runtime.isShuttingDown()).isTrue());
	}

	@Test
	void aLeakedProcessFailsTheTestNamingIt() {
		Throwable failure = onlyFailure(run(LeakingProcessTests.class));
		assertThat(failure).isInstanceOf(AssertionError.class)
			.hasMessageContaining("The test left these behind in its rusm runtime:")
			.hasMessageContaining("1 process: <0.")
			.hasMessageContaining("(label worker, names [billing], tags [jobs])")
			.hasMessageContaining("1 registered name: {billing=<0.")
			.hasMessageContaining("1 tag (tag=members): {jobs=1}")
			.hasMessageNotContaining("pending timer");
		assertThat(LeakingProcessTests.RUNTIME.get().processCount()).isZero();
	}

	@Test
	void aPendingTimerFailsTheTest() {
		Throwable failure = onlyFailure(run(LeakingTimerTests.class));
		assertThat(failure).hasMessageContaining(" - 1 pending timer").hasMessageNotContaining("process");
	}

	@Test
	void aLeakIsReportedBesideTheTestsOwnFailure() {
		Throwable failure = onlyFailure(run(FailingAndLeakingTests.class));
		assertThat(failure).hasMessage("the test's own failure");
		assertThat(failure.getSuppressed()).singleElement()
			.satisfies((leak) -> assertThat(leak).hasMessageContaining("1 process"));
	}

	@Test
	void parametersOutsideATestAreRefusedWithAReason() {
		Throwable failure = onlyFailure(run(BeforeAllTests.class));
		assertThat(failure).isInstanceOf(ParameterResolutionException.class)
			.hasMessageContaining("RusmExtension resolves Runtime parameters per test");
	}

	private static EngineExecutionResults run(Class<?> fixture) {
		return EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute();
	}

	private static Throwable onlyFailure(EngineExecutionResults results) {
		List<Throwable> failures = results.allEvents()
			.failed()
			.stream()
			.map((event) -> event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
			.toList();
		assertThat(failures).hasSize(1);
		return failures.get(0);
	}

	@ExtendWith(RusmExtension.class)
	static class CleanTests {

		@Test
		void aProbeIsNoLeak(TestProbe probe, Runtime runtime) {
			runtime.send(probe.pid(), "unread messages are no leak either");
		}

		@Test
		void aProcessKilledAtTheEndIsNoLeak(Runtime runtime) {
			ProcessHandle worker = runtime.spawn(SpawnOptions.builder().label("worker").tags("jobs").build(),
					(ctx) -> ctx.receive());
			runtime.register("billing", worker.pid());
			worker.kill();
		}

		@Test
		void aFiredTimerIsNoLeak(Runtime runtime, ManualClock clock, TestProbe probe) {
			runtime.sendAfter(probe.pid(), Duration.ofHours(1), "later");
			clock.advance(Duration.ofHours(1));
			probe.expectMessage("later");
		}
	}

	@RusmTest
	static class RuntimeCapturingTests {

		static final List<Runtime> SEEN = new CopyOnWriteArrayList<>();

		@Test
		void first(Runtime runtime) {
			SEEN.add(runtime);
		}

		@Test
		void second(Runtime runtime) {
			SEEN.add(runtime);
		}
	}

	@RusmTest
	static class LeakingProcessTests {

		static final AtomicReference<Runtime> RUNTIME = new AtomicReference<>();

		@Test
		void leaks(Runtime runtime) {
			RUNTIME.set(runtime);
			ProcessHandle worker = runtime.spawn(SpawnOptions.builder().label("worker").tags("jobs").build(),
					(ctx) -> ctx.receive());
			runtime.register("billing", worker.pid());
		}
	}

	@RusmTest
	static class LeakingTimerTests {

		@Test
		void leaks(Runtime runtime, TestProbe probe) {
			runtime.sendAfter(probe.pid(), Duration.ofMinutes(5), "never fired");
		}
	}

	@RusmTest
	static class FailingAndLeakingTests {

		@Test
		void failsAndLeaks(Runtime runtime) {
			runtime.spawn((ctx) -> ctx.receive());
			throw new AssertionError("the test's own failure");
		}
	}

	@RusmTest
	static class BeforeAllTests {

		@BeforeAll
		static void tooEarly(Runtime runtime) {
		}

		@Test
		void never() {
		}
	}
}
