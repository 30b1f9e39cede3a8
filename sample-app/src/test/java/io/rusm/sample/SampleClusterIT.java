package io.rusm.sample;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.rusm.test.LoopbackPorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End-to-end test of cluster mode: three packaged samples, each a JVM of its own with an
 * embedded member on a free loopback port, form one cluster; a plan's agents are spread over
 * the nodes and cancelled from another node; the cluster singleton {@code plan-tracker} comes
 * back on a survivor after {@code SIGKILL} of its JVM (within the failure-detection timeout
 * plus a margin) and moves within 5 s after {@code SIGTERM}.
 */
class SampleClusterIT {

	private static final Duration FORMED = Duration.ofSeconds(30);

	private static final Duration FAILURE_DETECTION = Duration.ofSeconds(5);

	private static final Duration MARGIN = Duration.ofSeconds(10);

	private static final Duration GRACEFUL_MOVE = Duration.ofSeconds(5);

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

	private final List<SampleJvm> nodes = new ArrayList<>();

	@AfterEach
	void killEveryJvm() {
		this.nodes.forEach(SampleJvm::close);
	}

	@Test
	void threeInstancesFormOneClusterAndTheTrackerSurvivesSigkillAndMovesOnSigterm() throws Exception {
		launch(3);
		await("three nodes in one cluster").atMost(FORMED)
			.pollInterval(Duration.ofMillis(250))
			.ignoreExceptions()
			.untilAsserted(() -> this.nodes
				.forEach((node) -> assertThat(node.get("/actuator/rusm/cluster").path("nodes").size()).isEqualTo(3)));

		SampleJvm holder = trackerHolder(this.nodes.get(0));
		List<SampleJvm> others = this.nodes.stream().filter((node) -> node != holder).toList();
		long plan = createPlan(others.get(0), 6);
		String tag = "plan:" + plan;
		assertThat(others.get(1).get("/actuator/rusm/cluster").path("tags").path(tag).asInt()).isEqualTo(6);
		for (SampleJvm node : this.nodes) {
			assertThat(node.get("/actuator/rusm").path("tags").path(tag).asInt()).as("agents on %s", node.name())
				.isEqualTo(2);
		}
		JsonNode cancellation = others.get(1).send("DELETE", "/plans/" + plan, null, 200);
		assertThat(cancellation.path("stopped").asInt()).isEqualTo(6);

		holder.process().destroyForcibly();
		long killedAt = System.nanoTime();
		await("the tracker back on a survivor").atMost(FAILURE_DETECTION.plus(MARGIN))
			.pollInterval(Duration.ofMillis(100))
			.ignoreExceptions()
			.until(() -> others.contains(trackerHolder(others.get(0))) && createPlan(others.get(0), 1) > 0);
		Duration failedOver = Duration.ofNanos(System.nanoTime() - killedAt);
		assertThat(failedOver).isLessThan(FAILURE_DETECTION.plus(MARGIN));

		SampleJvm second = trackerHolder(others.get(0));
		SampleJvm last = others.stream().filter((node) -> node != second).findFirst().orElseThrow();
		second.process().destroy();
		long stoppedAt = System.nanoTime();
		await("the tracker moved to the last node").atMost(GRACEFUL_MOVE)
			.pollInterval(Duration.ofMillis(100))
			.ignoreExceptions()
			.until(() -> trackerHolder(last) == last && createPlan(last, 1) > 0);
		assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt)).isLessThan(GRACEFUL_MOVE);
	}

	private void launch(int count) throws IOException {
		List<Integer> ports = LoopbackPorts.free(count);
		String cluster = "rusm-it-" + UUID.randomUUID();
		String members = LoopbackPorts.memberList(ports);
		for (int i = 0; i < count; i++) {
			String name = "sample-cluster-node-" + i;
			this.nodes.add(SampleJvm.start(name, REQUEST_TIMEOUT, List.of(),
					"--rusm.observer.enabled=false", "--rusm.cluster.enabled=true", "--rusm.cluster.name=" + cluster,
					"--rusm.cluster.node-name=" + name, "--rusm.cluster.port=" + ports.get(i),
					"--rusm.cluster.members=" + members,
					"--rusm.cluster.failure-detection-timeout=" + FAILURE_DETECTION.toSeconds() + "s",
					"--logging.level.com.hazelcast=warn"));
		}
		this.nodes.forEach(SampleJvm::awaitStarted);
	}

	/** The node that holds {@code plan-tracker}, as {@code asked} sees it. */
	private SampleJvm trackerHolder(SampleJvm asked) {
		String name = asked.get("/actuator/rusm/cluster").path("names").path("plan-tracker").path("node").asString();
		return this.nodes.stream().filter((node) -> node.name().equals(name)).findFirst().orElseThrow();
	}

	private long createPlan(SampleJvm node, int agents) {
		return node.send("POST", "/plans", "{\"agents\": " + agents + ", \"workMillis\": 60000}", 201)
			.path("id")
			.asLong();
	}

}
