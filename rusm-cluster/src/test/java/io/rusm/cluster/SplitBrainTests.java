package io.rusm.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.hazelcast.config.Config;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.rusm.core.ExitReason;
import io.rusm.core.Pid;
import io.rusm.core.ProcessHandle;
import io.rusm.test.LoopbackPorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SplitBrainTests {

	private final TestMembers members = new TestMembers();

	@AfterEach
	void stopClusters() {
		this.members.close();
	}

	private static void mergeSoon(Config config) {
		config.setProperty("hazelcast.merge.first.run.delay.seconds", "6");
		config.setProperty("hazelcast.merge.next.run.delay.seconds", "2");
	}

	@Test
	void aNameHeldOnBothSidesOfAHealedSplitKeepsTheEarlierClaimAndTheOtherHolderCrashes() throws Exception {
		List<Integer> ports = LoopbackPorts.free(2);
		String a = "127.0.0.1:" + ports.get(0);
		String b = "127.0.0.1:" + ports.get(1);
		// A lists B, B does not list A: they form apart, and A's split-brain handler later finds B.
		RusmCluster left = this.members.startNode(ports.get(0), List.of(a, b), SplitBrainTests::mergeSoon);
		RusmCluster right = this.members.startNode(ports.get(1), List.of(b), SplitBrainTests::mergeSoon);
		assertThat(left.nodes()).as("A formed its own cluster").hasSize(1);
		assertThat(right.nodes()).as("B formed its own cluster").hasSize(1);

		ProcessHandle leftFirst = holder(0);
		ProcessHandle rightSecond = holder(1);
		ProcessHandle rightFirst = holder(1);
		ProcessHandle leftSecond = holder(0);
		ProcessHandle rightAlone = holder(1);
		assertThat(left.register("contested-a", leftFirst.pid())).isTrue();
		Thread.sleep(5);
		assertThat(right.register("contested-a", rightSecond.pid())).as("the sides are still apart").isTrue();
		assertThat(right.register("contested-b", rightFirst.pid())).isTrue();
		Thread.sleep(5);
		assertThat(left.register("contested-b", leftSecond.pid())).as("the sides are still apart").isTrue();
		assertThat(right.register("uncontested", rightAlone.pid())).isTrue();

		await().atMost(Duration.ofSeconds(30)).until(() -> left.nodes().size() == 2 && right.nodes().size() == 2);

		assertLost(rightSecond, "contested-a");
		assertLost(leftSecond, "contested-b");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			for (int node = 0; node < 2; node++) {
				RusmCluster cluster = this.members.node(node);
				assertHeldBy(cluster.whereis("contested-a"), node, leftFirst.pid(), 0);
				assertHeldBy(cluster.whereis("contested-b"), node, rightFirst.pid(), 1);
				assertHeldBy(cluster.whereis("uncontested"), node, rightAlone.pid(), 1);
			}
		});
		assertThat(leftFirst.isAlive()).isTrue();
		assertThat(rightFirst.isAlive()).isTrue();
		assertThat(rightAlone.isAlive()).isTrue();
	}

	private static void assertHeldBy(Optional<Pid> seen, int viewer, Pid holder,
			int owner) {
		assertThat(seen).hasValueSatisfying(
				(pid) -> assertThat(TestMembers.sameProcess(pid, viewer, holder, owner)).as("held by " + holder).isTrue());
	}

	private ProcessHandle holder(int node) {
		return this.members.runtime(node).spawn((ctx) -> ctx.receive());
	}

	private static void assertLost(ProcessHandle loser, String name) throws InterruptedException {
		ExitReason reason = loser.join(Duration.ofSeconds(20)).orElseThrow(
				() -> new AssertionError("the losing holder of '" + name + "' is still running"));
		assertThat(reason).isInstanceOfSatisfying(ExitReason.Crashed.class, (crashed) -> assertThat(crashed.cause())
			.isInstanceOfSatisfying(NameConflictException.class, (conflict) -> assertThat(conflict.name()).isEqualTo(name)));
	}
}
