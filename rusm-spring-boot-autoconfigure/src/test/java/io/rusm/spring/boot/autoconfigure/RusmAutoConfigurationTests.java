package io.rusm.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import io.rusm.core.Delivery;
import io.rusm.core.ExitEvent;
import io.rusm.core.ExitListener;
import io.rusm.core.ExitReason;
import io.rusm.core.LogLevel;
import io.rusm.core.Pid;
import io.rusm.core.ProcessHandle;
import io.rusm.core.Runtime;
import io.rusm.core.Signal;
import io.rusm.core.SpawnOptions;
import io.rusm.spring.boot.RusmProcessRegistry;
import io.rusm.spring.boot.exit.ExitHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link RusmAutoConfiguration} and {@link RusmExitHistoryAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class RusmAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(RusmAutoConfiguration.class, RusmExitHistoryAutoConfiguration.class));

	@Test
	void createsRuntimeAndExitHistoryByDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(Runtime.class)
				.hasSingleBean(ExitHistory.class)
				.hasSingleBean(RusmProperties.class);
			Runtime runtime = context.getBean(Runtime.class);
			ProcessHandle handle = runtime.spawn((ctx) -> {
			});
			assertThat(handle.join()).isEqualTo(ExitReason.NORMAL);
			await().untilAsserted(() -> assertThat(context.getBean(ExitHistory.class).find(handle.pid()))
				.hasValueSatisfying((record) -> assertThat(record.reason()).isEqualTo("normal")));
		});
	}

	@Test
	void backsOffWhenTheApplicationDefinesItsOwnRuntime() {
		this.runner.withUserConfiguration(UserRuntimeConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(Runtime.class).doesNotHaveBean(RuntimeShutdown.class);
			assertThat(context.getBean(Runtime.class)).isSameAs(context.getBean("userRuntime"));
		});
	}

	@Test
	void isDisabledByProperty() {
		this.runner
			.withConfiguration(AutoConfigurations.of(RusmProcessesAutoConfiguration.class))
			.withPropertyValues("rusm.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(Runtime.class)
				.doesNotHaveBean(ExitHistory.class)
				.doesNotHaveBean(RusmProcessRegistry.class)
				.doesNotHaveBean(RusmProperties.class));
	}

	@Test
	void mailboxCapacityShedsMessagesPastIt() {
		this.runner.withPropertyValues("rusm.mailbox.capacity=2").run((context) -> {
			Runtime runtime = context.getBean(Runtime.class);
			Pid pid = blocked(runtime);
			assertThat(runtime.trySend(pid, "one")).isEqualTo(Delivery.DELIVERED);
			assertThat(runtime.trySend(pid, "two")).isEqualTo(Delivery.DELIVERED);
			assertThat(runtime.trySend(pid, "three")).isEqualTo(Delivery.SHED);
			assertThat(runtime.droppedMessages()).isEqualTo(1);
		});
	}

	@Test
	void mailboxesAreUnboundedByDefault() {
		this.runner.run((context) -> {
			Runtime runtime = context.getBean(Runtime.class);
			Pid pid = blocked(runtime);
			for (int i = 0; i < 100; i++) {
				assertThat(runtime.trySend(pid, i)).isEqualTo(Delivery.DELIVERED);
			}
			assertThat(runtime.droppedMessages()).isZero();
		});
	}

	@Test
	void trackDepthMakesMailboxDepthVisible() {
		this.runner.withPropertyValues("rusm.mailbox.track-depth=true").run((context) -> {
			Runtime runtime = context.getBean(Runtime.class);
			Pid pid = blocked(runtime);
			runtime.send(pid, "one");
			runtime.send(pid, "two");
			runtime.send(pid, "three");
			assertThat(runtime.info(pid)).hasValueSatisfying((info) -> assertThat(info.mailboxDepth()).isEqualTo(3));
		});
	}

	@Test
	void mailboxDepthIsNotTrackedByDefault() {
		this.runner.run((context) -> {
			Runtime runtime = context.getBean(Runtime.class);
			Pid pid = blocked(runtime);
			runtime.send(pid, "one");
			assertThat(runtime.info(pid)).hasValueSatisfying((info) -> assertThat(info.trackedMailboxDepth()).isEmpty());
		});
	}

	@Test
	void logLevelTurnsTheLifecycleLogOn(CapturedOutput output) {
		this.runner.withPropertyValues("rusm.log.level=info").run((context) -> {
			Runtime runtime = context.getBean(Runtime.class);
			ProcessHandle handle = runtime.spawn(SpawnOptions.builder().label("log-probe").build(), (ctx) -> {
			});
			handle.join();
			await().untilAsserted(() -> assertThat(output).contains("exit " + handle.pid()));
		});
	}

	@Test
	void crashesAreLoggedAtErrorWithTheirExceptionByDefaultAndCleanExitsAreNot(CapturedOutput output) {
		this.runner.run((context) -> {
			assertThat(context.getBean(RusmProperties.class).getLog().getLevel()).isEqualTo(LogLevel.ERROR);
			Runtime runtime = context.getBean(Runtime.class);
			ProcessHandle quiet = runtime.spawn(SpawnOptions.builder().label("quiet-probe").build(), (ctx) -> {
			});
			quiet.join();
			ProcessHandle crashed = runtime.spawn(SpawnOptions.builder().label("crash-probe").build(), (ctx) -> {
				throw new IllegalStateException("probe crashed on purpose");
			});
			crashed.join();
			await().untilAsserted(() -> assertThat(output.getAll().lines()
				.filter((line) -> line.contains(" ERROR ") && line.contains("exit " + crashed.pid()))).hasSize(1));
			assertThat(output).contains("java.lang.IllegalStateException: probe crashed on purpose")
				.doesNotContain("exit " + quiet.pid());
		});
	}

	@Test
	void lifecycleLogCanBeTurnedOff(CapturedOutput output) {
		this.runner.withPropertyValues("rusm.log.level=off").run((context) -> {
			Runtime runtime = context.getBean(Runtime.class);
			ProcessHandle crashed = runtime.spawn((ctx) -> {
				throw new IllegalStateException("silenced");
			});
			crashed.join();
			assertThat(output).doesNotContain("exit " + crashed.pid());
		});
	}

	@Test
	void censusDebounceSpacesCensusLines(CapturedOutput output) {
		this.runner.withPropertyValues("rusm.log.level=info", "rusm.census.debounce=50ms").run((context) -> {
			Runtime runtime = context.getBean(Runtime.class);
			runtime.spawn(SpawnOptions.builder().label("census-probe").build(), (ctx) -> ctx.receive());
			await().atMost(Duration.ofSeconds(1))
				.untilAsserted(() -> assertThat(output).contains("census: ").contains("census-probe"));
		});
	}

	@Test
	void exitHistoryIsBoundedByMaxSize() {
		this.runner.withPropertyValues("rusm.exit-history.max-size=2").run((context) -> {
			Runtime runtime = context.getBean(Runtime.class);
			ExitHistory history = context.getBean(ExitHistory.class);
			List<Pid> exited = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				ProcessHandle handle = runtime.spawn((ctx) -> {
				});
				handle.join();
				exited.add(handle.pid());
			}
			await().untilAsserted(() -> assertThat(history.recent()).hasSize(2)
				.allSatisfy((record) -> assertThat(record.pid()).isIn(exited)));
		});
	}

	@Test
	void exitHistoryForgetsAfterTtl() {
		this.runner.withPropertyValues("rusm.exit-history.ttl=300ms").run((context) -> {
			Runtime runtime = context.getBean(Runtime.class);
			ExitHistory history = context.getBean(ExitHistory.class);
			ProcessHandle handle = runtime.spawn((ctx) -> {
			});
			handle.join();
			assertThat(history.find(handle.pid())).isPresent();
			await().atMost(Duration.ofSeconds(2))
				.untilAsserted(() -> assertThat(history.find(handle.pid())).isEmpty());
		});
	}

	@Test
	void exitListenerBeansAndTheHistoryAllSeeEachExit() {
		this.runner.withUserConfiguration(RecordingListenerConfiguration.class).run((context) -> {
			Runtime runtime = context.getBean(Runtime.class);
			ProcessHandle handle = runtime.spawn((ctx) -> {
				throw new IllegalStateException("boom");
			});
			handle.join();
			List<ExitEvent> events = context.getBean(RecordingListenerConfiguration.class).events;
			await().untilAsserted(() -> assertThat(events).extracting(ExitEvent::pid).contains(handle.pid()));
			assertThat(context.getBean(ExitHistory.class).find(handle.pid())).hasValueSatisfying((record) -> {
				assertThat(record.reason()).isEqualTo("crashed");
				assertThat(record.crash()).isNotNull();
			});
		});
	}

	@Test
	void exitListenerBeansAndTheHistoryAreAttachedToAUserDeclaredRuntime() {
		this.runner.withUserConfiguration(UserRuntimeConfiguration.class, RecordingListenerConfiguration.class)
			.run((context) -> {
				Runtime runtime = context.getBean(Runtime.class);
				assertThat(runtime).isSameAs(context.getBean("userRuntime"));
				ProcessHandle crashed = runtime.spawn((ctx) -> {
					throw new IllegalStateException("boom");
				});
				crashed.join();
				assertThat(context.getBean(RecordingListenerConfiguration.class).events).extracting(ExitEvent::pid)
					.containsExactly(crashed.pid());
				assertThat(context.getBean(ExitHistory.class).find(crashed.pid()))
					.hasValueSatisfying((record) -> assertThat(record.reason()).isEqualTo("crashed"));
			});
	}

	@Test
	void aChildContextAttachesOnlyItsOwnListenersToItsParentsRuntime() {
		this.runner.withUserConfiguration(RecordingListenerConfiguration.class).run((parent) -> {
			Runtime runtime = parent.getBean(Runtime.class);
			List<ExitEvent> parentEvents = parent.getBean(RecordingListenerConfiguration.class).events;
			List<ExitEvent> childEvents = new CopyOnWriteArrayList<>();
			new ApplicationContextRunner().withParent(parent)
				.withConfiguration(AutoConfigurations.of(RusmAutoConfiguration.class))
				.withBean("childListener", ExitListener.class, () -> childEvents::add)
				.run((child) -> {
					assertThat(child.getBean(Runtime.class)).isSameAs(runtime);
					ProcessHandle handle = runtime.spawn((ctx) -> {
					});
					handle.join();
					assertThat(parentEvents).extracting(ExitEvent::pid).containsOnlyOnce(handle.pid());
					assertThat(childEvents).extracting(ExitEvent::pid).containsExactly(handle.pid());
				});
			ProcessHandle afterChild = runtime.spawn((ctx) -> {
			});
			afterChild.join();
			assertThat(parentEvents).extracting(ExitEvent::pid).contains(afterChild.pid());
			assertThat(childEvents).extracting(ExitEvent::pid).doesNotContain(afterChild.pid());
		});
	}

	@Test
	void customizersAreAppliedInOrder() {
		this.runner.withUserConfiguration(CustomizerConfiguration.class).run((context) -> {
			Runtime runtime = context.getBean(Runtime.class);
			Pid pid = blocked(runtime);
			assertThat(runtime.trySend(pid, "one")).isEqualTo(Delivery.DELIVERED);
			assertThat(runtime.trySend(pid, "two")).isEqualTo(Delivery.SHED);
		});
	}

	@Test
	void runtimeIsShutDownWhenTheContextCloses() {
		this.runner.run((context) -> {
			Runtime runtime = context.getBean(Runtime.class);
			Pid pid = blocked(runtime);
			context.close();
			assertThat(runtime.isShuttingDown()).isTrue();
			assertThat(runtime.isAlive(pid)).isFalse();
			assertThat(runtime.processCount()).isZero();
		});
	}

	@Test
	void shutdownTimeoutBoundsTheWaitForProcessesThatIgnoreShutdown() {
		this.runner.withPropertyValues("rusm.shutdown.timeout=200ms").run((context) -> {
			Runtime runtime = context.getBean(Runtime.class);
			ExitHistory history = context.getBean(ExitHistory.class);
			CountDownLatch trapping = new CountDownLatch(1);
			ProcessHandle stubborn = runtime.spawn((ctx) -> {
				ctx.trapExits(true);
				trapping.countDown();
				while (true) {
					if (ctx.receive() instanceof Signal.Exit) {
						trapping.countDown();
					}
				}
			});
			trapping.await();
			long start = System.nanoTime();
			context.close();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
			assertThat(stubborn.join(Duration.ofSeconds(5))).contains(ExitReason.KILLED);
			assertThat(history.find(stubborn.pid()))
				.hasValueSatisfying((record) -> assertThat(record.reason()).isEqualTo("killed"));
		});
	}

	@Test
	void theShutdownWarningCountsProcessesThatStillRunAfterBeingKilled(CapturedOutput output) throws Exception {
		CountDownLatch never = new CountDownLatch(1);
		AtomicBoolean stop = new AtomicBoolean();
		CountDownLatch started = new CountDownLatch(1);
		ProcessHandle[] stuck = new ProcessHandle[1];
		this.runner.withPropertyValues("rusm.shutdown.timeout=200ms").run((context) -> {
			stuck[0] = context.getBean(Runtime.class).spawn(SpawnOptions.builder().label("stuck").build(), (ctx) -> {
				started.countDown();
				while (!stop.get()) {
					try {
						never.await();
					}
					catch (InterruptedException ex) {
						// swallows the shutdown's interrupts, as stuck code does
					}
				}
			});
			started.await();
		});
		try {
			assertThat(output).contains("processes were killed after PT0.2S, and 1 still run");
		}
		finally {
			stop.set(true);
			never.countDown();
			stuck[0].join();
		}
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			rusm.mailbox.capacity=-1        | rusm.mailbox.capacity must be greater than zero
			rusm.mailbox.capacity=0         | rusm.mailbox.capacity must be greater than zero
			rusm.shutdown.timeout=0s        | rusm.shutdown.timeout must be a positive duration
			rusm.shutdown.timeout=-1s       | rusm.shutdown.timeout must be a positive duration
			rusm.census.debounce=0ms        | rusm.census.debounce must be a positive duration
			rusm.supervisor.max-restarts=-1 | rusm.supervisor.max-restarts must be zero or more
			rusm.supervisor.within=0s       | rusm.supervisor.within must be a positive duration
			rusm.exit-history.max-size=0    | rusm.exit-history.max-size must be greater than zero
			rusm.exit-history.ttl=-5m       | rusm.exit-history.ttl must be a positive duration
			""")
	void invalidPropertyValuesFailStartupWithAClearMessage(String property, String message) {
		this.runner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			assertThat(failure).hasRootCauseInstanceOf(IllegalArgumentException.class).rootCause().hasMessageContaining(message);
			assertThat(bindException(context)).isNotNull();
		});
	}

	private static BindException bindException(AssertableApplicationContext context) {
		Throwable candidate = context.getStartupFailure();
		while (candidate != null && !(candidate instanceof BindException)) {
			candidate = candidate.getCause();
		}
		return (BindException) candidate;
	}

	private static Pid blocked(Runtime runtime) throws InterruptedException {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		ProcessHandle handle = runtime.spawn((ctx) -> {
			started.countDown();
			release.await();
		});
		started.await();
		return handle.pid();
	}

	@Configuration(proxyBeanMethods = false)
	static class UserRuntimeConfiguration {

		@Bean
		Runtime userRuntime() {
			return Runtime.create();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingListenerConfiguration {

		final List<ExitEvent> events = new CopyOnWriteArrayList<>();

		@Bean
		ExitListener recordingListener() {
			return this.events::add;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		@Bean
		@Order(1)
		RuntimeCustomizer first() {
			return (builder) -> builder.mailboxCapacity(100);
		}

		@Bean
		@Order(2)
		RuntimeCustomizer second() {
			return (builder) -> builder.mailboxCapacity(1);
		}

	}

}
