package io.rusm.core;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.rusm.core.ProcessHandle;
import io.rusm.core.Runtime;

import static io.rusm.core.ProcessProbes.WAIT;
import static io.rusm.core.ProcessProbes.closeCleanly;
import static io.rusm.core.ProcessProbes.ended;
import static io.rusm.core.ProcessProbes.next;
import static io.rusm.core.ProcessProbes.parked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Every bad argument fails at once with a clear exception ({@link NullPointerException} naming the
 * argument, {@link IllegalArgumentException} saying what is wrong), and the runtime stays usable.
 */
class BadInputTests {

	private static final Duration NEGATIVE = Duration.ofMillis(-1);

	private final Runtime runtime = Runtime.create();

	private final BlockingQueue<Object> checked = new LinkedBlockingQueue<>();

	@AfterEach
	void closeRuntime() {
		closeCleanly(this.runtime);
	}

	@Test
	void aNullBodyIsRejected() throws Exception {
		assertNullNamed("body", () -> this.runtime.spawn(null));
		assertNullNamed("body", () -> this.runtime.spawn(SpawnOptions.DEFAULT, null));
		assertNullNamed("options", () -> this.runtime.spawn(null, parked()));
		ProcessHandle parent = this.runtime.spawn(parked());
		assertNullNamed("body", () -> this.runtime.spawnLink(parent.pid(), null));
		assertNullNamed("parent", () -> this.runtime.spawnLink(null, parked()));
		assertNullNamed("body", () -> this.runtime.whereisOrSpawn("service", null));
		assertThat(this.runtime.spawned()).as("nothing half-spawned").isEqualTo(1);
		assertThat(this.runtime.processCount()).isEqualTo(1);
		assertThat(this.runtime.info(parent.pid()).orElseThrow().links()).isEmpty();
		assertStillUsable();
	}

	@Test
	void aNullBodyIsRejectedInsideAProcessToo() throws Exception {
		assertRejectedInsideAProcess((ctx) -> {
			assertNullNamed("body", () -> ctx.spawn(null));
			assertNullNamed("body", () -> ctx.spawnLink(null));
			assertNullNamed("options", () -> ctx.spawn(null, parked()));
		});
	}

	@Test
	void aNullMessageIsRejected() throws Exception {
		ProcessHandle target = this.runtime.spawn(parked());
		assertNullNamed("message", () -> this.runtime.send(target.pid(), null));
		assertNullNamed("message", () -> this.runtime.trySend(target.pid(), null));
		assertNullNamed("message", () -> this.runtime.sendNamed("somebody", null));
		assertNullNamed("pid", () -> this.runtime.send(null, "hello"));
		assertNullNamed("pid", () -> this.runtime.trySend(null, "hello"));
		assertNullNamed("request", () -> this.runtime.call(target.pid(), null, WAIT));
		assertThat(this.runtime.isAlive(target.pid())).isTrue();
		assertStillUsable();
	}

	@Test
	void aNullOrBlankNameIsRejected() throws Exception {
		ProcessHandle target = this.runtime.spawn(parked());
		assertNullNamed("name", () -> this.runtime.register(null, target.pid()));
		assertNullNamed("name", () -> this.runtime.call((String) null, "hello", WAIT));
		assertNullNamed("name", () -> this.runtime.whereisOrSpawn(null, parked()));
		assertNullNamed("name", () -> SpawnOptions.builder().name(null));
		for (String blank : new String[] { "", " ", "\t\n" }) {
			assertBlankRejected("name", () -> this.runtime.register(blank, target.pid()));
			assertBlankRejected("name", () -> this.runtime.call(blank, "hello", WAIT));
			assertBlankRejected("name", () -> this.runtime.whereisOrSpawn(blank, parked()));
			assertBlankRejected("name", () -> SpawnOptions.builder().name(blank));
		}
		assertThat(this.runtime.registered()).isEmpty();
		assertThat(this.runtime.info(target.pid()).orElseThrow().names()).isEmpty();
		assertThat(this.runtime.spawned()).isEqualTo(1);
		assertStillUsable();
	}

	@Test
	void aBlankNameIsRejectedInsideAProcessToo() throws Exception {
		assertRejectedInsideAProcess((ctx) -> {
			assertNullNamed("name", () -> ctx.register(null));
			assertBlankRejected("name", () -> ctx.register("  "));
		});
	}

	@Test
	void nullPidsAndReasonsAreRejected() throws Exception {
		ProcessHandle target = this.runtime.spawn(parked());
		assertNullNamed("pid", () -> this.runtime.kill(null));
		assertNullNamed("pid", () -> this.runtime.exit(null, ExitReason.KILLED));
		assertNullNamed("reason", () -> this.runtime.exit(target.pid(), null));
		assertNullNamed("pid", () -> this.runtime.signalExit(null, ExitReason.SHUTDOWN));
		assertNullNamed("reason", () -> this.runtime.signalExit(target.pid(), null));
		assertNullNamed("pid", () -> this.runtime.isAlive(null));
		assertNullNamed("pid", () -> this.runtime.info(null));
		assertNullNamed("pid", () -> this.runtime.setTrapExit(null, true));
		assertNullNamed("pid", () -> this.runtime.call((Pid) null, "hello", WAIT));
		assertNullNamed("watcher", () -> this.runtime.monitor(null, target.pid()));
		assertNullNamed("target", () -> this.runtime.monitor(target.pid(), null));
		assertNullNamed("ref", () -> this.runtime.demonitor(null));
		assertNullNamed("a", () -> this.runtime.link(null, target.pid()));
		assertNullNamed("b", () -> this.runtime.unlink(target.pid(), null));
		assertNullNamed("cause", () -> ExitReason.crashed(null));
		assertNullNamed("reason", () -> new ProcessExitException(null));
		assertThat(this.runtime.isAlive(target.pid())).as("a failed exit does not stage anything").isTrue();
		assertStillUsable();
	}

	@Test
	void nullTargetsAreRejectedInsideAProcessWithoutProcessControlToo() throws Exception {
		ProcessBody checks = (ctx) -> {
			try {
				assertNullNamed("target", () -> ctx.kill(null));
				assertNullNamed("target", () -> ctx.exit(null, ExitReason.KILLED));
				assertNullNamed("reason", () -> ctx.exit(ctx.self(), null));
				assertNullNamed("tag", () -> ctx.killTag(null));
				this.checked.add("checked");
			}
			catch (Throwable ex) {
				this.checked.add(ex);
			}
		};
		ProcessHandle sandboxed = this.runtime.spawn(SpawnOptions.builder().capabilities(Set.of()).build(), checks);
		assertThat(next(this.checked)).isEqualTo("checked");
		assertThat(ended(sandboxed)).isEqualTo(ExitReason.NORMAL);
		assertStillUsable();
	}

	@Test
	void aNegativeOrNullTimeoutIsRejectedInsideAProcess() throws Exception {
		assertRejectedInsideAProcess((ctx) -> {
			assertNegativeRejected("timeout", () -> ctx.receive(NEGATIVE));
			assertNegativeRejected("timeout", () -> ctx.receive((message) -> true, NEGATIVE));
			assertNegativeRejected("duration", () -> ctx.sleep(NEGATIVE));
			assertNullNamed("timeout", () -> ctx.receive((Duration) null));
			assertNullNamed("timeout", () -> ctx.receive((message) -> true, null));
			assertNullNamed("matcher", () -> ctx.receive((java.util.function.Predicate<Object>) null, WAIT));
			assertNullNamed("matcher", () -> ctx.receive((java.util.function.Predicate<Object>) null));
			assertNullNamed("duration", () -> ctx.sleep(null));
		});
	}

	@Test
	void aNegativeZeroOrNullCallTimeoutIsRejected() throws Exception {
		ProcessHandle target = this.runtime.spawn(parked());
		assertThatIllegalArgumentException().isThrownBy(() -> this.runtime.call(target.pid(), "hello", NEGATIVE))
			.withMessage("timeout must be positive, got PT-0.001S");
		assertThatIllegalArgumentException().isThrownBy(() -> this.runtime.call(target.pid(), "hello", Duration.ZERO))
			.withMessage("timeout must be positive, got PT0S");
		assertNullNamed("timeout", () -> this.runtime.call(target.pid(), "hello", null));
		assertThat(this.runtime.isAlive(target.pid())).isTrue();
		assertStillUsable();
	}

	@Test
	void aNegativeOrNullJoinTimeoutIsRejected() throws Exception {
		ProcessHandle target = this.runtime.spawn(parked());
		assertNegativeRejected("timeout", () -> target.join(NEGATIVE));
		assertNullNamed("timeout", () -> target.join(null));
		assertThat(target.isAlive()).isTrue();
		assertStillUsable();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "abc", "<0.1.0", "0.1.0>", "<0..0>", "<0.x.0>", "<1.2.3>", "<0.1.1>", "-5",
			"<0.-5.0>", "<0.0>", "1.5", "0x10", "12 34", "99999999999999999999", "<0.99999999999999999999.0>",
			"\u0664\u0662", "<0.\u0664\u0662.0>" })
	void malformedPidTextIsRejected(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> Pid.parse(text))
			.withMessageContaining("malformed pid")
			.withMessageContaining("'" + text + "'");
	}

	@Test
	void nullPidTextIsRejected() {
		assertNullNamed("text", () -> Pid.parse(null));
	}

	@Test
	void aNegativePidNumberIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> Pid.of(-1)).withMessageContaining("negative");
	}

	@Test
	void aPidPrintsTheErlangWayAndParsesBack() throws Exception {
		assertThat(Pid.of(42)).hasToString("<0.42.0>");
		assertThat(Pid.SYSTEM).hasToString("<0.0.0>");
		assertThat(Pid.parse("<0.42.0>")).isEqualTo(Pid.of(42));
		assertThat(Pid.parse("42")).isEqualTo(Pid.of(42));
		assertThat(Pid.parse(" <0.42.0> ")).isEqualTo(Pid.of(42));
		assertThat(Pid.parse("0")).isEqualTo(Pid.SYSTEM);
		assertThat(Pid.parse(String.valueOf(Long.MAX_VALUE))).isEqualTo(Pid.of(Long.MAX_VALUE));
		ProcessHandle live = this.runtime.spawn(parked());
		assertThat(Pid.parse(live.pid().toString())).isEqualTo(live.pid());
		assertThat(Pid.parse(String.valueOf(live.pid().id()))).isEqualTo(live.pid());
		assertThat(Pid.of(1)).isLessThan(Pid.of(2));
	}

	@Test
	void aPidOfAnotherNodePrintsItsNodeAndParsesBack() {
		Pid remote = Pid.of(3, 42);
		assertThat(remote.node()).isEqualTo(3);
		assertThat(remote.isLocal()).isFalse();
		assertThat(remote).hasToString("<3.42.0>").isNotEqualTo(Pid.of(42));
		assertThat(Pid.parse("<3.42.0>")).isEqualTo(remote);
		assertThat(Pid.parse("<0.42.0>").node()).isZero();
		assertThat(Pid.parse("42").isLocal()).isTrue();
		assertThat(new Pid(42)).isEqualTo(Pid.of(0, 42));
		assertThat(Pid.of(42)).isLessThan(Pid.of(1, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> Pid.of(-1, 1)).withMessageContaining("node");
		assertThatIllegalArgumentException().isThrownBy(() -> Pid.parse("<99999999999.1.0>"))
			.withMessageContaining("malformed pid");
	}

	@Test
	void namesTagsAndLabelsStopAt255Characters() throws Exception {
		String longest = "n".repeat(255);
		String tooLong = "n".repeat(256);
		ProcessHandle target = this.runtime.spawn(parked());
		assertThat(this.runtime.register(longest, target.pid())).isTrue();
		assertThat(this.runtime.registerTag(longest, target.pid())).isTrue();
		assertThat(this.runtime.setLabel(target.pid(), longest)).isTrue();
		for (Runnable rejected : List.<Runnable>of(() -> this.runtime.register(tooLong, target.pid()),
				() -> this.runtime.whereis(tooLong), () -> this.runtime.registerTag(tooLong, target.pid()),
				() -> this.runtime.setLabel(target.pid(), tooLong), () -> SpawnOptions.builder().name(tooLong),
				() -> SpawnOptions.builder().label(tooLong), () -> SpawnOptions.builder().tags(tooLong))) {
			assertThatIllegalArgumentException().isThrownBy(rejected::run)
				.withMessageContaining("at most 255 characters, got 256");
		}
		assertThat(this.runtime.info(target.pid()).orElseThrow().label()).isEqualTo(longest);
		assertStillUsable();
	}

	@Test
	void aNullTypeOrSendArgumentIsRejectedInsideAProcess() throws Exception {
		assertRejectedInsideAProcess((ctx) -> {
			assertNullNamed("type", () -> ctx.receive((Class<?>) null));
			assertNullNamed("type", () -> ctx.receive((Class<?>) null, Duration.ZERO));
			assertNullNamed("message", () -> ctx.send(ctx.self(), null));
			assertNullNamed("pid", () -> ctx.send(null, "hello"));
			assertNullNamed("message", () -> ctx.sendNamed("somebody", null));
		});
	}

	@Test
	void aNullWatcherIsRejected() {
		assertNullNamed("watcher", () -> SpawnOptions.builder().monitoredBy(null));
	}

	@Test
	void aNullExitListenerIsRejected() throws Exception {
		assertNullNamed("listener", () -> this.runtime.addExitListener(null));
		assertNullNamed("listener", () -> this.runtime.removeExitListener(null));
		assertStillUsable();
	}

	@Test
	void badSupervisorSpecsAreRejected() {
		assertBlankRejected("id", () -> ChildSpec.builder(" ", parked()).build());
		assertNullNamed("id", () -> ChildSpec.builder(null, parked()).build());
		assertNullNamed("body", () -> ChildSpec.builder("a", (ProcessBody) null));
		assertNullNamed("restart", () -> ChildSpec.builder("a", parked()).restart(null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ChildSpec.builder("a", parked()).shutdownTimeout(Duration.ZERO).build())
			.withMessageContaining("shutdown timeout");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ChildSpec.builder("a", parked())
				.options(SpawnOptions.builder().linkTo(Pid.of(1)).build())
				.build())
			.withMessageContaining("linkTo");
		assertThatIllegalArgumentException().isThrownBy(() -> Supervisor.builder().intensity(-1, WAIT))
			.withMessageContaining("max restarts");
		assertThatIllegalArgumentException().isThrownBy(() -> Supervisor.builder().intensity(1, Duration.ZERO))
			.withMessageContaining("intensity period");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Supervisor.builder()
				.child(ChildSpec.builder("a", parked()).build())
				.child(ChildSpec.builder("a", parked()).build()))
			.withMessageContaining("duplicate child id 'a'");
		assertNullNamed("spec", () -> Supervisor.builder().child(null));
		assertNullNamed("strategy", () -> Supervisor.builder().strategy(null));
		assertNullNamed("runtime", () -> Supervisor.builder().build().start(null));
	}

	// ------------------------------------------------------------------ helpers

	private static void assertNullNamed(String argument, ThrowingCallable call) {
		assertThatNullPointerException().isThrownBy(call).withMessage(argument);
	}

	private static void assertBlankRejected(String argument, ThrowingCallable call) {
		assertThatIllegalArgumentException().isThrownBy(call).withMessage(argument + " must not be blank");
	}

	private static void assertNegativeRejected(String argument, ThrowingCallable call) {
		assertThatIllegalArgumentException().isThrownBy(call)
			.withMessageStartingWith(argument + " must not be negative")
			.withMessageContaining("PT-0.001S");
	}

	/**
	 * Runs {@code checks} inside a process, which must survive them: afterwards it still receives
	 * and answers a message, and ends normally.
	 */
	private void assertRejectedInsideAProcess(Consumer<Context> checks) throws Exception {
		BlockingQueue<Object> got = new LinkedBlockingQueue<>();
		ProcessHandle handle = this.runtime.spawn((ctx) -> {
			try {
				checks.accept(ctx);
				got.add("checked");
			}
			catch (Throwable ex) {
				got.add(ex);
				return;
			}
			got.add(ctx.receive());
		});
		assertThat(next(got)).isEqualTo("checked");
		this.runtime.send(handle.pid(), "still alive");
		assertThat(next(got)).isEqualTo("still alive");
		assertThat(ended(handle)).isEqualTo(ExitReason.NORMAL);
		assertStillUsable();
	}

	/** The runtime still spawns, delivers, answers calls and kills after the rejected calls. */
	private void assertStillUsable() throws Exception {
		long live = this.runtime.processCount();
		ProcessHandle echo = this.runtime.spawn((ctx) -> {
			for (;;) {
				if (ctx.receive() instanceof Call call) {
					call.reply(call.request());
				}
			}
		});
		assertThat(this.runtime.send(echo.pid(), "plain message")).isTrue();
		String reply = this.runtime.call(echo.pid(), "ping", WAIT);
		assertThat(reply).isEqualTo("ping");
		assertThat(echo.kill()).isTrue();
		assertThat(ended(echo)).isEqualTo(ExitReason.KILLED);
		assertThat(this.runtime.processCount()).isEqualTo(live);
	}

}
