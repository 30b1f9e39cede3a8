package io.rusm.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.rusm.core.ExitReason;
import io.rusm.core.Pid;
import io.rusm.core.ProcessHandle;
import io.rusm.core.SpawnOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ClusterGroupsTests {

	private static final int NODES = 3;

	private static TestMembers members;

	@BeforeAll
	static void startCluster() {
		members = TestMembers.start(NODES);
	}

	@AfterAll
	static void stopCluster() {
		members.close();
	}

	private static List<ProcessHandle> spawnOnEveryNode(int perNode, SpawnOptions options) {
		List<ProcessHandle> spawned = new ArrayList<>();
		for (int node = 0; node < NODES; node++) {
			for (int i = 0; i < perNode; i++) {
				spawned.add(members.runtime(node).spawn(options, (ctx) -> ctx.receive()));
			}
		}
		return spawned;
	}

	@Test
	void whereisTagListsTheMembersOfEveryNode() {
		List<Pid> expected = spawnOnEveryNode(2, SpawnOptions.builder().tags("plan-1").build()).stream()
			.map(ProcessHandle::pid)
			.sorted()
			.toList();
		for (int node = 0; node < NODES; node++) {
			List<Pid> seen = members.node(node).whereisTag("plan-1");
			assertThat(seen).extracting(Pid::id)
				.containsExactlyInAnyOrderElementsOf(expected.stream().map(Pid::id).toList());
			assertThat(seen).filteredOn(Pid::isLocal).hasSize(2);
			assertThat(seen).isSorted();
		}
		assertThat(members.node(0).whereisTag("no-such-tag")).isEmpty();
	}

	@Test
	void killTagFromOneNodeKillsTheMembersOnEveryNode() throws InterruptedException {
		List<ProcessHandle> agents = spawnOnEveryNode(3, SpawnOptions.builder().tags("plan-2").build());
		ProcessHandle bystander = members.runtime(2).spawn((ctx) -> ctx.receive());
		assertThat(members.node(1).killTag("plan-2")).isEqualTo(3 * NODES);
		for (ProcessHandle agent : agents) {
			assertThat(agent.join(Duration.ofSeconds(5))).contains(ExitReason.KILLED);
		}
		assertThat(bystander.isAlive()).isTrue();
		assertThat(members.node(0).whereisTag("plan-2")).isEmpty();
		assertThat(members.node(0).killTag("plan-2")).isZero();
	}

	@Test
	void tagCountsAndCensusAreSummedOverTheNodes() {
		List<ProcessHandle> workers = spawnOnEveryNode(2,
				SpawnOptions.builder().label("census-worker").tags("census-group").build());
		members.runtime(1).spawn(SpawnOptions.builder().label("census-loner").build(), (ctx) -> ctx.receive());
		for (int node = 0; node < NODES; node++) {
			assertThat(members.node(node).census()).containsEntry("census-worker", 2 * NODES)
				.containsEntry("census-loner", 1);
			assertThat(members.node(node).tagCounts()).containsEntry("census-group", 2 * NODES);
		}
		workers.get(0).kill();
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(members.node(2).census()).containsEntry("census-worker", 2 * NODES - 1));
		assertThat(members.node(2).tagCounts()).containsEntry("census-group", 2 * NODES - 1);
	}
}
