package io.rusm.cluster;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import io.rusm.core.Call;
import io.rusm.core.NoProcessException;
import io.rusm.core.Pid;
import io.rusm.core.ProcessHandle;
import io.rusm.core.SpawnOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.awaitility.Awaitility.await;

class GlobalNamesTests {

	private static final int NODES = 3;

	private static final int CALLERS = 64;

	private static TestMembers members;

	@BeforeAll
	static void startCluster() {
		members = TestMembers.start(NODES);
	}

	@AfterAll
	static void stopCluster() {
		members.close();
	}

	private static ProcessHandle idle(int node) {
		return members.runtime(node).spawn((ctx) -> {
			for (;;) {
				if (ctx.receive() instanceof Call call) {
					call.reply("pong from " + ctx.self());
				}
			}
		});
	}

	@Test
	void aRegisteredNameIsVisibleOnEveryNode() {
		Pid holder = idle(0).pid();
		assertThat(members.node(0).register("visible", holder)).isTrue();
		for (int node = 0; node < NODES; node++) {
			assertThat(members.node(node).whereis("visible")).contains(holder);
			assertThat(members.node(node).registered()).containsEntry("visible", holder);
		}
	}

	@Test
	void aNameHeldAnywhereCannotBeRegisteredElsewhere() {
		assertThat(members.node(0).register("taken", idle(0).pid())).isTrue();
		Pid other = idle(1).pid();
		assertThat(members.node(1).register("taken", other)).isFalse();
		assertThat(members.node(2).whereis("taken")).isNotEqualTo(java.util.Optional.of(other));
	}

	@Test
	void aDeadProcessCannotRegister() throws InterruptedException {
		ProcessHandle gone = members.runtime(0).spawn((ctx) -> {
		});
		gone.join();
		assertThat(members.node(0).register("dead-holder", gone.pid())).isFalse();
		assertThat(members.node(1).whereis("dead-holder")).isEmpty();
	}

	@Test
	void unregisterFromAnyNodeReleasesTheName() {
		assertThat(members.node(0).register("released", idle(0).pid())).isTrue();
		assertThat(members.node(2).unregister("released")).isTrue();
		assertThat(members.node(0).whereis("released")).isEmpty();
		assertThat(members.node(1).unregister("released")).isFalse();
		assertThat(members.node(1).register("released", idle(1).pid())).isTrue();
	}

	@Test
	void aNameIsReleasedWhenItsHolderExits() {
		ProcessHandle holder = idle(1);
		assertThat(members.node(1).register("mortal", holder.pid())).isTrue();
		holder.kill();
		await().atMost(Duration.ofSeconds(5)).until(() -> members.node(0).registered().get("mortal") == null);
		assertThat(members.node(2).whereis("mortal")).isEmpty();
		assertThat(members.node(2).register("mortal", idle(2).pid())).isTrue();
	}

	@Test
	void sendAndCallReachAHolderOnTheCallingNode() {
		Pid holder = idle(2).pid();
		assertThat(members.node(2).register("echo", holder)).isTrue();
		String reply = members.node(2).call("echo", "ping", Duration.ofSeconds(5));
		assertThat(reply).isEqualTo("pong from " + holder);
		assertThat(members.node(2).send("echo", "hello")).isTrue();
	}

	@Test
	void aNameHeldNowhereHasNoProcess() {
		assertThat(members.node(0).send("nobody", "hello")).isFalse();
		assertThatExceptionOfType(NoProcessException.class)
			.isThrownBy(() -> members.node(0).call("nobody", "ping", Duration.ofSeconds(1)))
			.withMessageContaining("'nobody'");
	}

	@Test
	void badInputIsRejectedNamingTheArgument() {
		RusmCluster node = members.node(0);
		assertThatNullPointerException().isThrownBy(() -> node.register(null, Pid.of(1))).withMessage("name");
		assertThatNullPointerException().isThrownBy(() -> node.register("x", null)).withMessage("pid");
		assertThatIllegalArgumentException().isThrownBy(() -> node.whereis(" ")).withMessageContaining("blank");
		assertThatNullPointerException().isThrownBy(() -> node.send("x", null)).withMessage("message");
		assertThatNullPointerException().isThrownBy(() -> node.whereisOrSpawn("x", null, (ctx) -> {
		})).withMessage("options");
		assertThatNullPointerException().isThrownBy(() -> node.whereisOrSpawn("x", SpawnOptions.DEFAULT, null))
			.withMessage("body");
		assertThatIllegalArgumentException().isThrownBy(() -> node.killTag("")).withMessageContaining("blank");
	}

	@Test
	void whereisOrSpawnSpawnsOnTheCallingNodeWithItsOptions() {
		SpawnOptions options = SpawnOptions.builder().name("local-name").label("tracker").tags("trackers").build();
		Pid pid = members.node(1).whereisOrSpawn("tracker", options, (ctx) -> ctx.receive());
		assertThat(members.runtime(1).isAlive(pid)).isTrue();
		assertThat(members.runtime(1).info(pid)).hasValueSatisfying((info) -> {
			assertThat(info.label()).isEqualTo("tracker");
			assertThat(info.tags()).containsExactly("trackers");
			assertThat(info.names()).isEmpty();
		});
		assertThat(members.node(0).whereisOrSpawn("tracker", options, (ctx) -> {
			throw new AssertionError("a second holder ran");
		})).isEqualTo(pid);
	}

	@RepeatedTest(40)
	void whereisOrSpawnRunsExactlyOneBodyClusterWide(RepetitionInfo repetition) throws InterruptedException {
		String name = "race-" + repetition.getCurrentRepetition();
		AtomicInteger bodies = new AtomicInteger();
		CountDownLatch ready = new CountDownLatch(CALLERS);
		CountDownLatch go = new CountDownLatch(1);
		ConcurrentHashMap<Pid, Integer> answers = new ConcurrentHashMap<>();
		List<Thread> callers = new java.util.ArrayList<>();
		for (int i = 0; i < CALLERS; i++) {
			RusmCluster node = members.node(i % NODES);
			callers.add(Thread.ofVirtual().start(() -> {
				ready.countDown();
				try {
					go.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				Pid pid = node.whereisOrSpawn(name, SpawnOptions.DEFAULT, (ctx) -> {
					bodies.incrementAndGet();
					ctx.receive();
				});
				answers.merge(pid, 1, Integer::sum);
			}));
		}
		ready.await();
		go.countDown();
		for (Thread caller : callers) {
			caller.join(Duration.ofSeconds(30));
		}
		assertThat(answers).hasSize(1);
		assertThat(answers.values()).containsExactly(CALLERS);
		Pid winner = answers.keySet().iterator().next();
		await().atMost(Duration.ofSeconds(5)).until(() -> bodies.get() == 1);
		assertThat(members.node(repetition.getCurrentRepetition() % NODES).whereis(name)).contains(winner);
		long holders = java.util.stream.IntStream.range(0, NODES)
			.filter((node) -> members.runtime(node).isAlive(winner))
			.count();
		assertThat(holders).isEqualTo(1);
		assertThat(bodies.get()).isEqualTo(1);
	}
}
