package io.rusm.test;

import java.time.Duration;

import io.rusm.core.ExitReason;
import io.rusm.core.ManualClock;
import io.rusm.core.ProcessHandle;
import io.rusm.core.Runtime;
import io.rusm.core.SpawnOptions;
import io.rusm.core.TimerRef;
import org.junit.jupiter.api.Test;

import static io.rusm.test.RusmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link ProcessHandleAssert} and {@link RuntimeAssert}, used the way a test imports them: beside
 * AssertJ's own {@code assertThat}.
 */
@RusmTest
class RusmAssertionsTests {

	private static final Duration SHORT = Duration.ofMillis(100);

	@Test
	void exitsWithWaitsForTheExit(Runtime runtime) {
		ProcessHandle worker = runtime.spawn((ctx) -> ctx.receive());
		runtime.send(worker.pid(), "go");
		assertThat(worker).exitsWith(ExitReason.NORMAL);
		assertThat(worker).exitsNormally();
	}

	@Test
	void exitsWithFailsNamingTheActualReason(Runtime runtime) {
		ProcessHandle worker = runtime.spawn((ctx) -> ctx.receive());
		worker.kill();
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(worker).exitsNormally())
			.withMessage("Expected process " + worker.pid() + " to exit with NORMAL, but it exited with KILLED");
		assertThat(worker).exitsAbnormally();
	}

	@Test
	void exitsWithFailsWhenTheProcessStaysAlivePastTheBound(Runtime runtime) {
		ProcessHandle worker = runtime.spawn((ctx) -> ctx.receive());
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(worker).within(SHORT).exitsWith(ExitReason.NORMAL))
			.withMessage("Expected process " + worker.pid() + " to exit with NORMAL within 0.1s, but it is still alive");
		assertThat(worker).isAlive().staysAliveFor(SHORT);
		worker.kill();
	}

	@Test
	void crashesAnswersAssertionsOnTheCause(Runtime runtime) {
		ProcessHandle worker = runtime.spawn((ctx) -> {
			throw new IllegalStateException("out of coffee");
		});
		assertThat(worker).crashes().isInstanceOf(IllegalStateException.class).hasMessage("out of coffee");
	}

	@Test
	void aCrashThatWasNotExpectedKeepsItsCause(Runtime runtime) {
		ProcessHandle worker = runtime.spawn((ctx) -> {
			throw new IllegalStateException("out of coffee");
		});
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(worker).exitsNormally())
			.withMessageContaining("but it exited with crashed(java.lang.IllegalStateException: out of coffee)")
			.withCauseInstanceOf(IllegalStateException.class);
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(worker).staysAliveFor(SHORT))
			.withMessageContaining("to stay alive for 0.1s, but it exited with crashed");
	}

	@Test
	void crashesFailsOnAnotherExit(Runtime runtime) {
		ProcessHandle worker = runtime.spawn((ctx) -> {
		});
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(worker).crashes())
			.withMessage("Expected process " + worker.pid() + " to crash, but it exited with NORMAL");
	}

	@Test
	void aProcessWaitingOnATimerExitsOnceVirtualTimeReachesIt(Runtime runtime, ManualClock clock) {
		ProcessHandle sleeper = runtime.spawn((ctx) -> {
			ctx.runtime().sendAfter(ctx.self(), Duration.ofHours(1), "wake up");
			ctx.receive();
		});
		assertThat(sleeper).staysAliveFor(SHORT);
		assertThat(runtime).hasPendingTimers(1);
		clock.advance(Duration.ofHours(1));
		assertThat(sleeper).exitsNormally();
		assertThat(runtime).hasPendingTimers(0);
	}

	@Test
	void runtimeAssertionsReadRegistryTagsAndTimers(Runtime runtime, TestProbe probe) {
		ProcessHandle worker = runtime.spawn(SpawnOptions.builder().tags("jobs").build(), (ctx) -> ctx.receive());
		runtime.register("billing", worker.pid());
		TimerRef timer = runtime.sendAfter(probe.pid(), Duration.ofMinutes(1), "later");
		assertThat(runtime).hasRegistered("billing", worker.pid())
			.hasNotRegistered("shipping")
			.hasTagMembers("jobs", worker.pid())
			.hasTagMembers("nobody")
			.hasAlive(worker.pid())
			.hasPendingTimers(1);
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(runtime).hasRegistered("billing", probe.pid()))
			.withMessage("Expected name \"billing\" to be registered to " + probe.pid() + ", but it is registered to "
					+ worker.pid() + "; registered names: {billing=" + worker.pid() + "}");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(runtime).hasTagMembers("jobs"))
			.withMessage("Expected tag \"jobs\" to have members [], but it has [" + worker.pid() + "]");
		assertThat(timer.cancel()).isTrue();
		worker.kill();
		assertThat(worker).exitsWith(ExitReason.KILLED);
		assertThat(runtime).hasNotRegistered("billing");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(runtime).hasAlive(worker.pid()))
			.withMessageContaining("Expected process " + worker.pid() + " to be alive, but it is not");
	}
}
