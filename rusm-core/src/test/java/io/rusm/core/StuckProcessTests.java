package io.rusm.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static io.rusm.core.ProcessProbes.ended;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body that never blocks cannot be pre-empted on a virtual thread, so it ignores a kill. It
 * must never be silent: its info says it is exiting and since when, its stack shows where it is
 * stuck, a shutdown counts and logs it and still returns in time, and {@link Context#checkExit()}
 * lets a long computation cooperate.
 */
class StuckProcessTests {

	private final OpenRuntimes runtimes = new OpenRuntimes();

	/** Lets every spinning body of a test end, so none keeps burning a carrier thread afterwards. */
	private final AtomicBoolean release = new AtomicBoolean();

	@AfterEach
	void releaseAndClose() {
		this.release.set(true);
		this.runtimes.close();
	}

	/** A body that spins without a blocking call until the test releases it. */
	private ProcessBody spinning(CountDownLatch started) {
		return (ctx) -> {
			started.countDown();
			while (!this.release.get()) {
				Thread.onSpinWait();
			}
		};
	}

	private ProcessHandle spawnSpinning(Runtime runtime) throws InterruptedException {
		CountDownLatch started = new CountDownLatch(1);
		ProcessHandle handle = runtime.spawn(SpawnOptions.builder().label("spinner").build(), spinning(started));
		assertThat(started.await(10, TimeUnit.SECONDS)).as("the spinner runs").isTrue();
		return handle;
	}

	@Test
	void aKilledProcessThatDoesNotBlockShowsAsExitingSinceTheKillWithItsStack() throws Exception {
		Runtime runtime = this.runtimes.create();
		ProcessHandle spinner = spawnSpinning(runtime);
		assertThat(runtime.info(spinner.pid()).orElseThrow().state()).isEqualTo(ProcessInfo.State.RUNNING);
		assertThat(runtime.info(spinner.pid()).orElseThrow().exitingSince()).isNull();
		Instant beforeKill = Instant.now().minusMillis(1);

		assertThat(runtime.kill(spinner.pid())).isTrue();

		ProcessInfo info = runtime.info(spinner.pid()).orElseThrow();
		assertThat(info.state()).isEqualTo(ProcessInfo.State.EXITING);
		assertThat(info.exitingSince()).isBetween(beforeKill, Instant.now().plusMillis(1));
		List<StackTraceElement> stack = runtime.stackTrace(spinner.pid()).orElseThrow();
		assertThat(stack).as("where it is stuck")
			.anySatisfy((frame) -> assertThat(frame.getClassName()).isEqualTo(StuckProcessTests.class.getName()));

		this.release.set(true);
		assertThat(ended(spinner)).as("the staged reason wins").isEqualTo(ExitReason.KILLED);
		assertThat(runtime.stackTrace(spinner.pid())).isEmpty();
	}

	@Test
	void checkExitLetsALongComputationEndWhenKilled() throws Exception {
		Runtime runtime = this.runtimes.create();
		CountDownLatch started = new CountDownLatch(1);
		ProcessHandle computing = runtime.spawn((ctx) -> {
			started.countDown();
			while (!this.release.get()) {
				ctx.checkExit();
				Thread.onSpinWait();
			}
		});
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

		computing.kill();

		assertThat(ended(computing)).isEqualTo(ExitReason.KILLED);
	}

	@Test
	void aGracefulShutdownReturnsInTimeCountingAndLoggingWhatStillRuns() throws Exception {
		Logger logger = (Logger) LoggerFactory.getLogger("io.rusm.lifecycle");
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		logger.addAppender(appender);
		try {
			Runtime runtime = this.runtimes.create();
			ProcessHandle spinner = spawnSpinning(runtime);
			runtime.spawn(ProcessProbes.parked());
			Duration timeout = Duration.ofSeconds(2);

			long start = System.nanoTime();
			ShutdownReport report = runtime.shutdownGracefully(timeout);
			Duration took = Duration.ofNanos(System.nanoTime() - start);

			assertThat(took).as("the timeout is the total, not doubled").isLessThan(timeout.plusMillis(900));
			assertThat(report.signalled()).isEqualTo(2);
			assertThat(report.exitedInTime()).isEqualTo(1);
			assertThat(report.killed()).as("the spinner was told SHUTDOWN already").isZero();
			assertThat(report.stillRunning()).isEqualTo(1);
			List<ILoggingEvent> warnings;
			synchronized (appender) {
				warnings = appender.list.stream().filter((event) -> event.getLevel() == Level.WARN).toList();
			}
			assertThat(warnings).singleElement().satisfies((event) -> {
				assertThat(event.getFormattedMessage()).contains(spinner.pid().toString(), "spinner",
						StuckProcessTests.class.getName());
			});
		}
		finally {
			logger.detachAppender(appender);
		}
	}

	@Test
	void closeTakesItsTimeoutInTotal() throws Exception {
		Runtime runtime = this.runtimes.create();
		spawnSpinning(runtime);

		long start = System.nanoTime();
		runtime.close();
		Duration took = Duration.ofNanos(System.nanoTime() - start);

		assertThat(took).isLessThan(Runtime.DEFAULT_SHUTDOWN_TIMEOUT.plusMillis(900));
	}
}
