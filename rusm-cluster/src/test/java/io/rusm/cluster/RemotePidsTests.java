package io.rusm.cluster;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import io.rusm.core.Call;
import io.rusm.core.ExitReason;
import io.rusm.core.MonitorRef;
import io.rusm.core.NoProcessException;
import io.rusm.core.Pid;
import io.rusm.core.ProcessHandle;
import io.rusm.core.Runtime;
import io.rusm.core.Signal;
import io.rusm.core.SpawnOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class RemotePidsTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static TestMembers members;

	@BeforeAll
	static void startCluster() {
		members = TestMembers.start(2);
	}

	@AfterAll
	static void stopCluster() {
		members.close();
	}

	/** A message carrying a pid to reply to. */
	record Ping(Pid replyTo, String text) {
	}

	record Pong(Pid from, String text) {
	}

	private static Runtime here() {
		return members.runtime(1);
	}

	/** A process on node 0 that answers pings and calls, seen from node 1 by its remote pid. */
	private static Pid remoteEcho(String name) {
		members.node(0).whereisOrSpawn(name, SpawnOptions.DEFAULT, (ctx) -> {
			for (;;) {
				switch (ctx.receive()) {
					case Ping ping -> ctx.runtime().send(ping.replyTo(), new Pong(ctx.self(), ping.text()));
					case Call call -> call.reply(call.request());
					case String text when text.equals("crash") -> throw new IllegalStateException("asked to crash");
					case String text when text.equals("stop") -> {
						return;
					}
					default -> {
					}
				}
			}
		});
		return members.node(1).whereis(name).orElseThrow();
	}

	/** A process on node 1 that forwards whatever it receives to {@code inbox}. */
	private static ProcessHandle forwarder(BlockingQueue<Object> inbox, SpawnOptions options) {
		return here().spawn(options, (ctx) -> {
			for (;;) {
				inbox.add(ctx.receive());
			}
		});
	}

	private static Object next(BlockingQueue<Object> inbox) throws InterruptedException {
		Object message = inbox.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(message).as("a message within " + WAIT).isNotNull();
		return message;
	}

	@Test
	void aRemoteHoldersPidNamesItsNodeAndReachesIt() {
		Pid echo = remoteEcho("echo-1");
		assertThat(echo.node()).isPositive();
		assertThat(echo.toString()).startsWith("<" + echo.node() + ".");
		assertThat(members.node(0).whereis("echo-1")).hasValueSatisfying((local) -> assertThat(local.isLocal()).isTrue());
		assertThat(here().isAlive(echo)).isTrue();
		String reply = here().call(echo, "hello", WAIT);
		assertThat(reply).isEqualTo("hello");
	}

	@Test
	void pidsInMessagesArriveAsTheSendersPids() throws InterruptedException {
		Pid echo = remoteEcho("echo-2");
		BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
		ProcessHandle local = forwarder(inbox, SpawnOptions.DEFAULT);
		assertThat(here().send(echo, new Ping(local.pid(), "over there"))).isTrue();
		assertThat(next(inbox)).isEqualTo(new Pong(echo, "over there"));
		local.kill();
	}

	@Test
	void callsFromOneCallerAreAnsweredInOrder() {
		Pid echo = remoteEcho("echo-3");
		for (int i = 0; i < 50; i++) {
			Integer reply = here().call(echo, i, WAIT);
			assertThat(reply).isEqualTo(i);
		}
	}

	@Test
	void aRemoteMonitorSeesNormalCrashedAndKilledExits() throws InterruptedException {
		assertDown("stop", ExitReason.NORMAL);
		ExitReason crashed = downAfter("crash", remoteEcho("crashing"));
		assertThat(crashed).isInstanceOfSatisfying(ExitReason.Crashed.class,
				(crash) -> assertThat(crash.cause()).isInstanceOf(RemoteCrashException.class)
					.hasMessageContaining("asked to crash"));
		Pid doomed = remoteEcho("doomed");
		BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
		ProcessHandle watcher = forwarder(inbox, SpawnOptions.DEFAULT);
		MonitorRef ref = here().monitor(watcher.pid(), doomed);
		assertThat(here().kill(doomed)).isTrue();
		assertThat(next(inbox)).isEqualTo(new Signal.Down(ref, doomed, ExitReason.KILLED));
		watcher.kill();
	}

	@RepeatedTest(30)
	void aMonitorSetRightBeforeTheTargetEndsSeesTheRealReason(RepetitionInfo repetition) throws InterruptedException {
		assertThat(downAfter("stop", remoteEcho("short-lived-" + repetition.getCurrentRepetition())))
			.isEqualTo(ExitReason.NORMAL);
	}

	private void assertDown(String trigger, ExitReason expected) throws InterruptedException {
		assertThat(downAfter(trigger, remoteEcho("echo-" + trigger))).isEqualTo(expected);
	}

	private static ExitReason downAfter(String trigger, Pid target) throws InterruptedException {
		BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
		ProcessHandle watcher = forwarder(inbox, SpawnOptions.DEFAULT);
		MonitorRef ref = here().monitor(watcher.pid(), target);
		here().send(target, trigger);
		Signal.Down down = (Signal.Down) next(inbox);
		assertThat(down.ref()).isEqualTo(ref);
		assertThat(down.pid()).isEqualTo(target);
		watcher.kill();
		return down.reason();
	}

	@Test
	void aDemonitoredRemoteProcessSendsNoDown() throws InterruptedException {
		Pid target = remoteEcho("quiet");
		BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
		ProcessHandle watcher = forwarder(inbox, SpawnOptions.DEFAULT);
		MonitorRef ref = here().monitor(watcher.pid(), target);
		assertThat(here().demonitor(ref)).isTrue();
		here().send(target, "stop");
		assertThat(inbox.poll(500, TimeUnit.MILLISECONDS)).isNull();
		watcher.kill();
	}

	@Test
	void aRemoteLinkCarriesCrashesBothWays() throws InterruptedException {
		Pid partner = remoteEcho("partner");
		BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
		ProcessHandle trapping = forwarder(inbox, SpawnOptions.builder().trapExit(true).build());
		here().link(trapping.pid(), partner);
		awaitWatched(members.runtime(0), members.node(0).whereis("partner").orElseThrow());
		here().send(partner, "crash");
		Signal.Exit exit = (Signal.Exit) next(inbox);
		assertThat(exit.from()).isEqualTo(partner);
		assertThat(exit.reason()).isInstanceOf(ExitReason.Crashed.class);

		Pid survivor = remoteEcho("linked-survivor");
		ProcessHandle crasher = here().spawn((ctx) -> {
			ctx.receive();
			throw new IllegalStateException("local crash");
		});
		here().link(crasher.pid(), survivor);
		ProcessHandle watcher = forwarder(inbox, SpawnOptions.DEFAULT);
		MonitorRef ref = here().monitor(watcher.pid(), survivor);
		awaitWatched(here(), crasher.pid());
		here().send(crasher.pid(), "go");
		Signal.Down down = (Signal.Down) next(inbox);
		assertThat(down.ref()).isEqualTo(ref);
		assertThat(down.reason()).isInstanceOf(ExitReason.Crashed.class);
		trapping.kill();
		watcher.kill();
	}

	/** Waits until the node's watch keeper watches {@code pid} for another node. */
	private static void awaitWatched(Runtime runtime, Pid pid) {
		await().atMost(WAIT)
			.until(() -> runtime.info(pid).map((info) -> !info.monitoredBy().isEmpty()).orElse(false));
	}

	@Test
	void aPidOfAnUnknownNodeIsDead() throws InterruptedException {
		Pid stranger = Pid.of(4242, 7);
		assertThat(here().send(stranger, "hello")).isFalse();
		assertThat(here().isAlive(stranger)).isFalse();
		assertThat(here().kill(stranger)).isFalse();
		assertThatExceptionOfType(NoProcessException.class).isThrownBy(() -> here().call(stranger, "hi", WAIT));
		BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
		ProcessHandle watcher = forwarder(inbox, SpawnOptions.DEFAULT);
		MonitorRef ref = here().monitor(watcher.pid(), stranger);
		assertThat(next(inbox)).isEqualTo(new Signal.Down(ref, stranger, ExitReason.NOPROC));
		watcher.kill();
	}
}
