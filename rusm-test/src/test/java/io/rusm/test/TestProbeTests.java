package io.rusm.test;

import java.time.Duration;

import io.rusm.core.Call;
import io.rusm.core.ExitReason;
import io.rusm.core.Pid;
import io.rusm.core.ProcessHandle;
import io.rusm.core.Runtime;
import io.rusm.core.Signal;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * {@link TestProbe} against a real runtime (the one {@link RusmExtension} gives each test).
 */
@RusmTest
class TestProbeTests {

	private static final Duration SHORT = Duration.ofMillis(100);

	record Ping(int n) {
	}

	@Test
	void expectMessageByTypeAnswersTheMessage(Runtime runtime, TestProbe probe) {
		runtime.send(probe.pid(), new Ping(1));
		assertThat(probe.expectMessage(Ping.class)).isEqualTo(new Ping(1));
	}

	@Test
	void expectMessageByEqualsTakesMessagesInArrivalOrder(Runtime runtime, TestProbe probe) {
		runtime.send(probe.pid(), new Ping(1));
		runtime.send(probe.pid(), new Ping(2));
		probe.expectMessage(new Ping(1));
		probe.expectMessage(new Ping(2));
		probe.expectNoMessage(SHORT);
	}

	@Test
	void expectMessageOfAnotherTypeFailsNamingWhatArrived(Runtime runtime, TestProbe probe) {
		runtime.send(probe.pid(), "hello");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> probe.expectMessage(Ping.class))
			.withMessageContaining("Probe " + probe.pid())
			.withMessageContaining("expected a message of type " + Ping.class.getName())
			.withMessageContaining("the next message was hello")
			.withMessageContaining("received so far: [hello]");
	}

	@Test
	void expectMessageThatNeverArrivesFailsListingEverythingReceived(Runtime runtime, TestProbe probe) {
		runtime.send(probe.pid(), new Ping(1));
		probe.expectMessage(new Ping(1));
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> probe.within(SHORT).expectMessage(new Ping(2)))
			.withMessage("Probe " + probe.pid() + " expected the message Ping[n=2] within 0.1s, but none arrived; "
					+ "received so far: [Ping[n=1]]");
	}

	@Test
	void failureSaysWhenNothingArrivedAtAll(TestProbe probe) {
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> probe.within(SHORT).expectMessage(Ping.class))
			.withMessageEndingWith("received so far: nothing");
	}

	@Test
	void expectNoMessageFailsOnAMessage(Runtime runtime, TestProbe probe) {
		runtime.send(probe.pid(), new Ping(7));
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> probe.expectNoMessage(SHORT))
			.withMessageContaining("expected no message within 0.1s, but received Ping[n=7]");
	}

	@Test
	void aCallToTheProbeCanBeAnswered(Runtime runtime, TestProbe probe) throws InterruptedException {
		ProcessHandle caller = runtime.spawn((ctx) -> {
			String answer = ctx.runtime().call(probe.pid(), new Ping(1), Duration.ofSeconds(5));
			ctx.runtime().send(probe.pid(), answer);
		});
		probe.expectMessage(Call.class).reply("pong");
		probe.expectMessage("pong");
		RusmAssertions.assertThat(caller).exitsNormally();
	}

	@Test
	void expectDownSetsAMonitorWhenTheProbeHoldsNone(Runtime runtime, TestProbe probe) {
		ProcessHandle worker = runtime.spawn((ctx) -> ctx.receive());
		ProcessHandle finisher = runtime.spawn((ctx) -> {
			while (!runtime.info(worker.pid()).orElseThrow().monitoredBy().contains(probe.pid())) {
				ctx.sleep(Duration.ofMillis(1));
			}
			runtime.send(worker.pid(), "finish");
		});
		assertThat(probe.expectDown(worker.pid())).isEqualTo(ExitReason.NORMAL);
		RusmAssertions.assertThat(finisher).exitsNormally();
	}

	@Test
	void expectDownUsesAMonitorSetEarlier(Runtime runtime, TestProbe probe) {
		ProcessHandle worker = runtime.spawn((ctx) -> {
			ctx.receive();
			throw new IllegalStateException("boom");
		});
		runtime.monitor(probe.pid(), worker.pid());
		runtime.send(worker.pid(), "crash now");
		assertThat(probe.expectDown(worker.pid())).isInstanceOfSatisfying(ExitReason.Crashed.class,
				(crashed) -> assertThat(crashed.cause()).hasMessage("boom"));
		probe.expectNoMessage(SHORT);
	}

	@Test
	void expectDownOfAProcessThatEndedUnwatchedAnswersNoproc(Runtime runtime, TestProbe probe)
			throws InterruptedException {
		ProcessHandle worker = runtime.spawn((ctx) -> {
		});
		worker.join();
		assertThat(probe.expectDown(worker.pid())).isEqualTo(ExitReason.NOPROC);
		probe.expectNoMessage(SHORT);
	}

	@RepeatedTest(20)
	void expectDownAfterTheTargetEndedAnswersTheReasonOfTheMonitorHeldBefore(Runtime runtime, TestProbe probe)
			throws InterruptedException {
		ProcessHandle worker = runtime.spawn((ctx) -> ctx.receive());
		runtime.monitor(probe.pid(), worker.pid());
		worker.kill();
		worker.join();
		assertThat(probe.expectDown(worker.pid())).isEqualTo(ExitReason.KILLED);
		probe.expectNoMessage(SHORT);
	}

	@Test
	void expectDownTakesTheDownPastOtherMessagesInAnyOrder(Runtime runtime, TestProbe probe) {
		ProcessHandle first = runtime.spawn((ctx) -> ctx.receive());
		ProcessHandle second = runtime.spawn((ctx) -> ctx.receive());
		runtime.monitor(probe.pid(), first.pid());
		runtime.monitor(probe.pid(), second.pid());
		first.kill();
		RusmAssertions.assertThat(first).exitsWith(ExitReason.KILLED);
		runtime.send(probe.pid(), new Ping(3));
		second.kill();
		assertThat(probe.expectDown(second.pid())).isEqualTo(ExitReason.KILLED);
		assertThat(probe.expectDown(first.pid())).isEqualTo(ExitReason.KILLED);
		probe.expectMessage(new Ping(3));
	}

	@Test
	void expectDownThatNeverComesFailsListingWhatArrived(Runtime runtime, TestProbe probe) {
		ProcessHandle worker = runtime.spawn((ctx) -> ctx.receive());
		runtime.send(probe.pid(), new Ping(3));
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> probe.within(SHORT).expectDown(worker.pid()))
			.withMessage("Probe " + probe.pid() + " expected the Down of " + worker.pid()
					+ " within 0.1s, but none arrived; received so far: [Ping[n=3]]");
		worker.kill();
		probe.expectDown(worker.pid());
		probe.expectMessage(new Ping(3));
	}

	@Test
	void aLinkedProcessesCrashArrivesAsAnExitSignal(Runtime runtime, TestProbe probe) {
		ProcessHandle worker = runtime.spawnLink(probe.pid(), (ctx) -> {
			throw new IllegalArgumentException("bad input");
		});
		assertThat(probe.expectExit(worker.pid())).isInstanceOf(ExitReason.Crashed.class);
		assertThat(runtime.isAlive(probe.pid())).isTrue();
	}

	@Test
	void expectExitFailsOnTheExitOfAnotherProcess(Runtime runtime, TestProbe probe) {
		Pid other = new Pid(999_999);
		runtime.send(probe.pid(), new Signal.Exit(other, ExitReason.KILLED));
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> probe.within(SHORT).expectExit(new Pid(999_998)))
			.withMessageContaining("expected the exit signal of <0.999998.0> within 0.1s, but none arrived; "
					+ "received so far: [Exit[from=" + other);
	}

	@Test
	void probesOfOneTestAreDistinctProcesses(TestProbe first, TestProbe second) {
		assertThat(first.pid()).isNotEqualTo(second.pid());
	}

	@Test
	void withinSharesTheProbesMessages(Runtime runtime, TestProbe probe) {
		runtime.send(probe.pid(), new Ping(1));
		TestProbe patient = probe.within(Duration.ofSeconds(10));
		assertThat(patient.pid()).isEqualTo(probe.pid());
		patient.expectMessage(new Ping(1));
		probe.expectNoMessage(SHORT);
	}

	@Test
	void closeEndsTheProbe(Runtime runtime) {
		TestProbe probe = TestProbe.spawn(runtime);
		probe.close();
		try (TestProbe watcher = TestProbe.spawn(runtime)) {
			assertThat(watcher.expectDown(probe.pid())).isIn(ExitReason.KILLED, ExitReason.NOPROC);
		}
	}

	@Test
	void badArgumentsAreRejected(TestProbe probe) {
		assertThatNullPointerException().isThrownBy(() -> probe.expectMessage((Class<?>) null)).withMessage("type");
		assertThatNullPointerException().isThrownBy(() -> probe.expectDown(null)).withMessage("target");
		assertThatNullPointerException().isThrownBy(() -> TestProbe.spawn(null)).withMessage("runtime");
		assertThatIllegalArgumentException().isThrownBy(() -> probe.within(Duration.ZERO))
			.withMessageContaining("within must be positive");
		assertThatIllegalArgumentException().isThrownBy(() -> probe.expectNoMessage(Duration.ofSeconds(-1)))
			.withMessageContaining("within must not be negative");
	}
}
