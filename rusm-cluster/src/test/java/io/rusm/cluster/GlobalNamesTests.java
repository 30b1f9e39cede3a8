package io.rusm.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

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
			int viewer = node;
			assertThat(members.node(node).whereis("visible"))
				.hasValueSatisfying((seen) -> assertThat(TestMembers.sameProcess(seen, viewer, holder, 0)).isTrue());
			assertThat(members.node(node).registered().get("visible")).isEqualTo(members.node(node).whereis("visible").get());
		}
	}

	@Test
	void aNameHeldAnywhereCannotBeRegisteredElsewhere() {
		assertThat(members.node(0).register("taken", idle(0).pid())).isTrue();
		Pid other = idle(1).pid();
		assertThat(members.node(1).register("taken", other)).isFalse();
		assertThat(members.node(2).whereis("taken")).isNotEqualTo(Optional.of(other));
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
		Pid seen = members.node(0).whereisOrSpawn("tracker", options, (ctx) -> {
			throw new AssertionError("a second holder ran");
		});
		assertThat(TestMembers.sameProcess(seen, 0, pid, 1)).isTrue();
	}

	@RepeatedTest(40)
	void whereisOrSpawnRunsExactlyOneBodyClusterWide(RepetitionInfo repetition) throws InterruptedException {
		String name = "race-" + repetition.getCurrentRepetition();
		AtomicInteger bodies = new AtomicInteger();
		CountDownLatch ready = new CountDownLatch(CALLERS);
		CountDownLatch go = new CountDownLatch(1);
		ConcurrentHashMap<Integer, Set<Pid>> answers = new ConcurrentHashMap<>();
		List<Thread> callers = new ArrayList<>();
		for (int i = 0; i < CALLERS; i++) {
			int index = i % NODES;
			RusmCluster node = members.node(index);
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
				answers.computeIfAbsent(index, (key) -> ConcurrentHashMap.newKeySet()).add(pid);
			}));
		}
		ready.await();
		go.countDown();
		for (Thread caller : callers) {
			caller.join(Duration.ofSeconds(30));
		}
		assertThat(answers).as("every node's callers got an answer").hasSize(NODES);
		assertThat(answers.values()).as("the callers on one node all got one pid").allSatisfy((pids) -> assertThat(pids).hasSize(1));
		List<Integer> owners = IntStream.range(0, NODES)
			.filter((node) -> answers.get(node).iterator().next().isLocal())
			.boxed()
			.toList();
		assertThat(owners).as("the holder is local on exactly one node").hasSize(1);
		int owner = owners.get(0);
		Pid winner = answers.get(owner).iterator().next();
		for (int node = 0; node < NODES; node++) {
			assertThat(TestMembers.sameProcess(answers.get(node).iterator().next(), node, winner, owner)).isTrue();
		}
		assertThat(members.runtime(owner).isAlive(winner)).isTrue();
		await().atMost(Duration.ofSeconds(5)).until(() -> bodies.get() == 1);
		assertThat(bodies.get()).isEqualTo(1);
	}
}
