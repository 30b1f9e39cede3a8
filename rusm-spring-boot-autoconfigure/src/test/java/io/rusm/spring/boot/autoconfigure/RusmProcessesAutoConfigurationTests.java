package io.rusm.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.rusm.core.Call;
import io.rusm.core.Context;
import io.rusm.core.Pid;
import io.rusm.core.ProcessBody;
import io.rusm.core.ProcessExitedException;
import io.rusm.core.Restart;
import io.rusm.core.Runtime;
import io.rusm.spring.boot.DuplicateRusmProcessException;
import io.rusm.spring.boot.RusmHandler;
import io.rusm.spring.boot.RusmProcess;
import io.rusm.spring.boot.RusmProcessRegistry;
import io.rusm.spring.boot.SingletonStatus;
import io.rusm.spring.boot.exit.ExitHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link RusmProcessesAutoConfiguration}: {@code @RusmProcess} singletons.
 */
@ExtendWith(OutputCaptureExtension.class)
class RusmProcessesAutoConfigurationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RusmAutoConfiguration.class, RusmExitHistoryAutoConfiguration.class,
				RusmProcessesAutoConfiguration.class));

	@Test
	void handlerAnswersCallsWithTheMostSpecificHandler() {
		this.runner.withUserConfiguration(GreeterConfiguration.class).run((context) -> {
			Runtime runtime = context.getBean(Runtime.class);
			assertThat(runtime.<String>call("greeter", "Ada", TIMEOUT)).isEqualTo("Hello, Ada");
			assertThat(runtime.<String>call("greeter", 42, TIMEOUT)).isEqualTo("integer 42");
			assertThat(runtime.<String>call("greeter", 4.2d, TIMEOUT)).isEqualTo("number 4.2");
			assertThat(runtime.<String>call("greeter", List.of(), TIMEOUT)).isEqualTo("object");
			assertThat(runtime.<Object>call("greeter", new Note("void"), TIMEOUT)).isNull();
		});
	}

	@Test
	void plainMessagesAreDispatchedAndTheirResultDropped() {
		this.runner.withUserConfiguration(GreeterConfiguration.class).run((context) -> {
			Runtime runtime = context.getBean(Runtime.class);
			assertThat(runtime.sendNamed("greeter", new Note("first"))).isTrue();
			assertThat(runtime.sendNamed("greeter", new Note("second"))).isTrue();
			runtime.call("greeter", "sync", TIMEOUT);
			assertThat(context.getBean(Greeter.class).notes).containsExactly("first", "second");
		});
	}

	@Test
	void singletonIsRegisteredWithItsLabelAndTags() {
		this.runner.withUserConfiguration(GreeterConfiguration.class, EchoConfiguration.class)
			.withPropertyValues("test.echo-name=echo-from-property")
			.run((context) -> {
				Runtime runtime = context.getBean(Runtime.class);
				Pid greeter = runtime.whereis("greeter").orElseThrow();
				assertThat(runtime.info(greeter)).hasValueSatisfying((info) -> {
					assertThat(info.label()).isEqualTo("greeter");
					assertThat(info.tags()).containsExactly("greeters");
				});
				Pid echo = runtime.whereis("echo-from-property").orElseThrow();
				assertThat(runtime.info(echo)).hasValueSatisfying((info) -> {
					assertThat(info.label()).isEqualTo("echoes");
					assertThat(info.tags()).containsExactlyInAnyOrder("a", "b");
				});
				assertThat(runtime.<String>call("echo-from-property", "ping", TIMEOUT)).isEqualTo("ping");
			});
	}

	@Test
	void nothingIsSpawnedWhileBeansAreCreated() {
		this.runner.withUserConfiguration(GreeterConfiguration.class, SpawnProbeConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				SpawnProbe probe = context.getBean(SpawnProbe.class);
				assertThat(probe.processesWhenSingletonsWereReady).isZero();
				assertThat(context.getBean(Runtime.class).whereis("greeter")).isPresent();
			});
	}

	@Test
	void crashingHandlerFailsTheCallAndIsRestartedWithFreshState() {
		this.runner.withUserConfiguration(CounterConfiguration.class).run((context) -> {
			Runtime runtime = context.getBean(Runtime.class);
			assertThat(runtime.<Integer>call("counter", new Increment(), TIMEOUT)).isEqualTo(1);
			assertThat(runtime.<Integer>call("counter", new Increment(), TIMEOUT)).isEqualTo(2);
			Pid first = runtime.whereis("counter").orElseThrow();
			assertThatExceptionOfType(ProcessExitedException.class)
				.isThrownBy(() -> runtime.call("counter", new Crash(), TIMEOUT))
				.satisfies((ex) -> assertThat(ex.reason().kind()).isEqualTo("crashed"));
			await().until(() -> runtime.whereis("counter").filter((pid) -> !pid.equals(first)).isPresent());
			assertThat(runtime.<Integer>call("counter", new Increment(), TIMEOUT)).isEqualTo(1);
			SingletonStatus status = context.getBean(RusmProcessRegistry.class).singletons().get(0);
			assertThat(status.state()).isEqualTo(SingletonStatus.State.RUNNING);
			assertThat(status.restarts()).isEqualTo(1);
			assertThat(context.getBean(ExitHistory.class).find(first))
				.hasValueSatisfying((record) -> assertThat(record.crash().message()).isEqualTo("boom"));
		});
	}

	@Test
	void crashingHandlerIsLoggedAtErrorWithItsExceptionByDefault(CapturedOutput output) {
		this.runner.withUserConfiguration(CounterConfiguration.class).run((context) -> {
			Runtime runtime = context.getBean(Runtime.class);
			Pid crashed = runtime.whereis("counter").orElseThrow();
			assertThatExceptionOfType(ProcessExitedException.class)
				.isThrownBy(() -> runtime.call("counter", new Crash(), TIMEOUT));
			await().untilAsserted(() -> assertThat(output.getAll().lines()
				.filter((line) -> line.contains(" ERROR ") && line.contains("exit " + crashed + " (counter): crashed")))
				.hasSize(1));
			assertThat(output).contains("java.lang.IllegalStateException: boom");
		});
	}

	@Test
	void singletonPastItsRestartIntensityIsExhausted() {
		this.runner.withUserConfiguration(CounterConfiguration.class)
			.withPropertyValues("rusm.supervisor.max-restarts=1", "rusm.supervisor.within=1m")
			.run((context) -> {
				Runtime runtime = context.getBean(Runtime.class);
				RusmProcessRegistry registry = context.getBean(RusmProcessRegistry.class);
				Pid first = runtime.whereis("counter").orElseThrow();
				crash(runtime, "counter");
				await().until(() -> runtime.whereis("counter").filter((pid) -> !pid.equals(first)).isPresent());
				crash(runtime, "counter");
				await().untilAsserted(() -> assertThat(registry.singletons().get(0).state())
					.isEqualTo(SingletonStatus.State.EXHAUSTED));
				SingletonStatus status = registry.singletons().get(0);
				assertThat(status.pid()).isNull();
				assertThat(status.lastExit()).isNotNull();
				assertThat(status.lastExit().kind()).isEqualTo("crashed");
				assertThat(runtime.whereis("counter")).isEmpty();
			});
	}

	@Test
	void restartsOutsideTheIntensityPeriodAreForgiven() {
		Duration within = Duration.ofMillis(50);
		this.runner.withUserConfiguration(CounterConfiguration.class)
			.withPropertyValues("rusm.supervisor.max-restarts=1", "rusm.supervisor.within=" + within.toMillis() + "ms")
			.run((context) -> {
				Runtime runtime = context.getBean(Runtime.class);
				RusmProcessRegistry registry = context.getBean(RusmProcessRegistry.class);
				for (int i = 1; i <= 3; i++) {
					Pid before = runtime.whereis("counter").orElseThrow();
					crash(runtime, "counter");
					await().pollDelay(Duration.ZERO)
						.pollInterval(Duration.ofMillis(1))
						.until(() -> runtime.whereis("counter").filter((pid) -> !pid.equals(before)).isPresent());
					// the supervisor counted this restart before the new incarnation was seen:
					// one period from here, it has left the intensity window
					long restartSeen = System.nanoTime();
					await().pollDelay(Duration.ZERO)
						.pollInterval(Duration.ofMillis(1))
						.until(() -> System.nanoTime() - restartSeen > within.toNanos());
				}
				SingletonStatus status = registry.singletons().get(0);
				assertThat(status.state()).isEqualTo(SingletonStatus.State.RUNNING);
				assertThat(status.restarts()).isEqualTo(3);
			});
	}

	@Test
	void temporarySingletonIsNotRestarted() {
		this.runner.withUserConfiguration(TemporaryConfiguration.class).run((context) -> {
			Runtime runtime = context.getBean(Runtime.class);
			RusmProcessRegistry registry = context.getBean(RusmProcessRegistry.class);
			crash(runtime, "temporary");
			await().untilAsserted(
					() -> assertThat(registry.singletons().get(0).state()).isEqualTo(SingletonStatus.State.STOPPED));
			assertThat(runtime.whereis("temporary")).isEmpty();
		});
	}

	@Test
	void singletonsStopInReverseStartOrderWithShutdownWhenTheContextCloses() {
		this.runner.withUserConfiguration(OrderedConfiguration.class).run((context) -> {
			Runtime runtime = context.getBean(Runtime.class);
			ExitHistory history = context.getBean(ExitHistory.class);
			Pid first = runtime.whereis("first").orElseThrow();
			Pid second = runtime.whereis("second").orElseThrow();
			List<String> stopped = context.getBean(OrderedConfiguration.class).stopped;
			context.close();
			assertThat(stopped).as("the order in which the bodies were stopped").containsExactly("second", "first");
			// Exit listeners are told last in a teardown, after the exit signal the supervisor waits for.
			await().untilAsserted(() -> {
				assertThat(history.find(first)).hasValueSatisfying((record) -> assertThat(record.reason()).isEqualTo("shutdown"));
				assertThat(history.find(second)).hasValueSatisfying((record) -> assertThat(record.reason()).isEqualTo("shutdown"));
			});
			assertThat(runtime.processCount()).isZero();
			assertThat(runtime.registered()).isEmpty();
		});
	}

	@Test
	void contextsSharingOneRuntimeStartASingletonOnce() throws Exception {
		this.runner.withUserConfiguration(StartCounterConfiguration.class).run((parent) -> {
			ApplicationContextRunner children = new ApplicationContextRunner().withParent(parent)
				.withConfiguration(AutoConfigurations.of(RusmAutoConfiguration.class,
						RusmProcessesAutoConfiguration.class))
				.withUserConfiguration(SharedWorkerConfiguration.class);
			CyclicBarrier bothStarted = new CyclicBarrier(2);
			CyclicBarrier bothInspected = new CyclicBarrier(2);
			ExecutorService executor = Executors.newFixedThreadPool(2);
			try {
				List<Future<SingletonStatus>> states = new ArrayList<>();
				for (int i = 0; i < 2; i++) {
					states.add(executor.submit(() -> {
						List<SingletonStatus> seen = new CopyOnWriteArrayList<>();
						children.run((child) -> {
							assertThat(child).hasNotFailed();
							assertThat(child.getBean(Runtime.class)).isSameAs(parent.getBean(Runtime.class));
							bothStarted.await(10, TimeUnit.SECONDS);
							seen.add(child.getBean(RusmProcessRegistry.class).singletons().get(0));
							bothInspected.await(10, TimeUnit.SECONDS);
						});
						return seen.get(0);
					}));
				}
				List<SingletonStatus> observed = new ArrayList<>();
				for (Future<SingletonStatus> state : states) {
					observed.add(state.get(20, TimeUnit.SECONDS));
				}
				assertThat(observed).extracting(SingletonStatus::state)
					.containsExactly(SingletonStatus.State.RUNNING, SingletonStatus.State.RUNNING);
				assertThat(observed).extracting(SingletonStatus::supervisor).doesNotContainNull().hasSize(2)
					.as("one supervisor for both contexts").containsOnly(observed.get(0).supervisor());
				AtomicInteger starts = parent.getBean(StartCounterConfiguration.class).starts;
				await().atMost(Duration.ofSeconds(10)).until(() -> starts.get() >= 1);
				assertThat(starts).as("the singleton's body ran once, not once per context").hasValue(1);
			}
			finally {
				executor.shutdownNow();
			}
		});
	}

	@Test
	void duplicateProcessNamesFailStartupNamingBothBeans() {
		this.runner.withUserConfiguration(DuplicateConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			assertThat(failure).isInstanceOf(DuplicateRusmProcessException.class)
				.hasMessageContaining("'twin'")
				.hasMessageContaining("'firstTwin'")
				.hasMessageContaining("'secondTwin'");
			FailureAnalysis analysis = analyze(failure);
			assertThat(analysis.getDescription()).contains("'twin'", "'firstTwin'", "'secondTwin'");
			assertThat(analysis.getAction()).contains("another @RusmProcess name");
		});
	}

	@Test
	void beanThatIsNeitherABodyNorHasHandlersFailsStartup() {
		this.runner.withUserConfiguration(EmptyProcessConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasMessageContaining("'empty'")
				.hasMessageContaining("must implement ProcessBody or declare at least one @RusmHandler method");
		});
	}

	@Test
	void backsOffWithoutARuntime() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(RusmProcessesAutoConfiguration.class))
			.withUserConfiguration(GreeterConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RusmProcessRegistry.class));
	}

	private static FailureAnalysis analyze(Throwable failure) {
		SpringFactoriesLoader.FailureHandler skipAnalyzersNeedingArguments = (type, implementation, ex) -> {
		};
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, skipAnalyzersNeedingArguments);
		return analyzers.stream()
			.map((analyzer) -> analyzer.analyze(failure))
			.filter((analysis) -> analysis != null && analysis.getDescription().contains("@RusmProcess"))
			.findFirst()
			.orElseThrow();
	}

	private static void crash(Runtime runtime, String name) {
		assertThatExceptionOfType(ProcessExitedException.class).isThrownBy(() -> runtime.call(name, new Crash(), TIMEOUT));
	}

	record Note(String text) {
	}

	record Increment() {
	}

	record Crash() {
	}

	@RusmProcess(name = "greeter", tags = "greeters")
	static class Greeter {

		final List<String> notes = new CopyOnWriteArrayList<>();

		@RusmHandler
		String greet(String name) {
			return "Hello, " + name;
		}

		@RusmHandler
		String integer(int value) {
			return "integer " + value;
		}

		@RusmHandler
		String number(Number value) {
			return "number " + value;
		}

		@RusmHandler
		String object(Object value) {
			return "object";
		}

		@RusmHandler
		void note(Note note) {
			this.notes.add(note.text());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class GreeterConfiguration {

		@Bean
		Greeter greeter() {
			return new Greeter();
		}

	}

	@RusmProcess(name = "${test.echo-name:echo}", label = "echoes", tags = { "a", "b" })
	static class Echo implements ProcessBody {

		@Override
		public void run(Context ctx) {
			while (true) {
				if (ctx.receive() instanceof Call call) {
					call.reply(call.request());
				}
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class EchoConfiguration {

		@Bean
		Echo echo() {
			return new Echo();
		}

	}

	static class SpawnProbe implements SmartInitializingSingleton {

		private final Runtime runtime;

		int processesWhenSingletonsWereReady = -1;

		SpawnProbe(Runtime runtime) {
			this.runtime = runtime;
		}

		@Override
		public void afterSingletonsInstantiated() {
			this.processesWhenSingletonsWereReady = this.runtime.processCount();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SpawnProbeConfiguration {

		@Bean
		SpawnProbe spawnProbe(Runtime runtime) {
			return new SpawnProbe(runtime);
		}

	}

	@RusmProcess("counter")
	static class Counter {

		private int count;

		@RusmHandler
		int increment(Increment increment) {
			return ++this.count;
		}

		@RusmHandler
		int crash(Crash crash) {
			throw new IllegalStateException("boom");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CounterConfiguration {

		@Bean
		@Scope("prototype")
		Counter counter() {
			return new Counter();
		}

	}

	@RusmProcess(name = "temporary", restart = Restart.TEMPORARY)
	static class Temporary {

		@RusmHandler
		int crash(Crash crash) {
			throw new IllegalStateException("boom");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TemporaryConfiguration {

		@Bean
		Temporary temporary() {
			return new Temporary();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OrderedConfiguration {

		/**
		 * Filled by the bodies as they unwind, before their processes tear down: an exit event
		 * is published after a process's links fired, so its supervisor (and with it the
		 * registry's stop) can move on before the event of a process stopped earlier.
		 */
		final List<String> stopped = new CopyOnWriteArrayList<>();

		@Bean
		ProcessBody firstBody() {
			return new First(this.stopped);
		}

		@Bean
		ProcessBody secondBody() {
			return new Second(this.stopped);
		}

		@RusmProcess("first")
		record First(List<String> stopped) implements ProcessBody {

			@Override
			public void run(Context ctx) {
				try {
					while (true) {
						ctx.receive();
					}
				}
				finally {
					this.stopped.add("first");
				}
			}

		}

		@RusmProcess("second")
		record Second(List<String> stopped) implements ProcessBody {

			@Override
			public void run(Context ctx) {
				try {
					while (true) {
						ctx.receive();
					}
				}
				finally {
					this.stopped.add("second");
				}
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	static class StartCounterConfiguration {

		final AtomicInteger starts = new AtomicInteger();

	}

	@RusmProcess("shared-worker")
	static class SharedWorker implements ProcessBody {

		private final AtomicInteger starts;

		SharedWorker(AtomicInteger starts) {
			this.starts = starts;
		}

		@Override
		public void run(Context ctx) {
			this.starts.incrementAndGet();
			while (true) {
				ctx.receive();
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SharedWorkerConfiguration {

		@Bean
		SharedWorker sharedWorker(StartCounterConfiguration counter) {
			return new SharedWorker(counter.starts);
		}

	}

	@RusmProcess("twin")
	static class Twin implements ProcessBody {

		@Override
		public void run(Context ctx) {
			ctx.receive();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DuplicateConfiguration {

		@Bean
		Twin firstTwin() {
			return new Twin();
		}

		@Bean
		Twin secondTwin() {
			return new Twin();
		}

	}

	@RusmProcess("empty")
	static class Empty {

	}

	@Configuration(proxyBeanMethods = false)
	static class EmptyProcessConfiguration {

		@Bean
		Empty empty() {
			return new Empty();
		}

	}

}
