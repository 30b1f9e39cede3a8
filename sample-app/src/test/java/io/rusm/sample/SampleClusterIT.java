package io.rusm.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.rusm.test.LoopbackPorts;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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

	private static final Duration STARTUP = Duration.ofSeconds(120);

	private static final Duration FORMED = Duration.ofSeconds(30);

	private static final Duration FAILURE_DETECTION = Duration.ofSeconds(5);

	private static final Duration MARGIN = Duration.ofSeconds(10);

	private static final Duration GRACEFUL_MOVE = Duration.ofSeconds(5);

	private static final Pattern STARTED_ON_PORT = Pattern.compile("Tomcat started on port (\\d+)");

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final List<Node> nodes = new ArrayList<>();

	@AfterEach
	void killEveryJvm() {
		this.nodes.forEach((node) -> node.process.destroyForcibly());
	}

	@Test
	void threeInstancesFormOneClusterAndTheTrackerSurvivesSigkillAndMovesOnSigterm() throws Exception {
		launch(3);
		await("three nodes in one cluster").atMost(FORMED)
			.pollInterval(Duration.ofMillis(250))
			.ignoreExceptions()
			.untilAsserted(() -> this.nodes
				.forEach((node) -> assertThat(get(node, "/actuator/rusm/cluster").path("nodes").size()).isEqualTo(3)));

		Node holder = trackerHolder(this.nodes.get(0));
		List<Node> others = this.nodes.stream().filter((node) -> node != holder).toList();
		long plan = createPlan(others.get(0), 6);
		String tag = "plan:" + plan;
		assertThat(get(others.get(1), "/actuator/rusm/cluster").path("tags").path(tag).asInt()).isEqualTo(6);
		for (Node node : this.nodes) {
			assertThat(get(node, "/actuator/rusm").path("tags").path(tag).asInt()).as("agents on %s", node.name)
				.isEqualTo(2);
		}
		JsonNode cancellation = send(others.get(1), "DELETE", "/plans/" + plan, null, 200);
		assertThat(cancellation.path("stopped").asInt()).isEqualTo(6);

		holder.process.destroyForcibly();
		long killedAt = System.nanoTime();
		await("the tracker back on a survivor").atMost(FAILURE_DETECTION.plus(MARGIN))
			.pollInterval(Duration.ofMillis(100))
			.ignoreExceptions()
			.until(() -> others.contains(trackerHolder(others.get(0))) && createPlan(others.get(0), 1) > 0);
		Duration failedOver = Duration.ofNanos(System.nanoTime() - killedAt);
		assertThat(failedOver).isLessThan(FAILURE_DETECTION.plus(MARGIN));

		Node second = trackerHolder(others.get(0));
		Node last = others.stream().filter((node) -> node != second).findFirst().orElseThrow();
		second.process.destroy();
		long stoppedAt = System.nanoTime();
		await("the tracker moved to the last node").atMost(GRACEFUL_MOVE)
			.pollInterval(Duration.ofMillis(100))
			.ignoreExceptions()
			.until(() -> trackerHolder(last) == last && createPlan(last, 1) > 0);
		assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt)).isLessThan(GRACEFUL_MOVE);
	}

	private void launch(int count) throws IOException {
		Path jar = Path.of(Objects.requireNonNull(System.getProperty("sample.jar"), "sample.jar"));
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		List<Integer> ports = LoopbackPorts.free(count);
		String cluster = "rusm-it-" + UUID.randomUUID();
		String members = LoopbackPorts.memberList(ports);
		for (int i = 0; i < count; i++) {
			String name = "node-" + i;
			Path log = jar.resolveSibling("sample-cluster-" + name + ".log");
			Files.deleteIfExists(log);
			Process process = new ProcessBuilder(java.toString(), "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
					"--server.port=0", "--server.address=127.0.0.1", "--rusm.observer.enabled=false",
					"--rusm.cluster.enabled=true", "--rusm.cluster.name=" + cluster, "--rusm.cluster.node-name=" + name,
					"--rusm.cluster.port=" + ports.get(i), "--rusm.cluster.members=" + members,
					"--rusm.cluster.failure-detection-timeout=" + FAILURE_DETECTION.toSeconds() + "s",
					"--logging.level.com.hazelcast=warn")
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			this.nodes.add(new Node(name, process, log));
		}
		for (Node node : this.nodes) {
			int port = await(node.name + " to log its port").atMost(STARTUP)
				.pollInterval(Duration.ofMillis(200))
				.failFast(node.name + " exited early; see " + node.log, () -> !node.process.isAlive())
				.until(node::loggedPort, Optional::isPresent)
				.orElseThrow();
			node.base = URI.create("http://127.0.0.1:" + port);
		}
	}

	/** The node that holds {@code plan-tracker}, as {@code asked} sees it. */
	private Node trackerHolder(Node asked) {
		String name = get(asked, "/actuator/rusm/cluster").path("names").path("plan-tracker").path("node").asString();
		return this.nodes.stream().filter((node) -> node.name.equals(name)).findFirst().orElseThrow();
	}

	private long createPlan(Node node, int agents) {
		return send(node, "POST", "/plans", "{\"agents\": " + agents + ", \"workMillis\": 60000}", 201).path("id")
			.asLong();
	}

	private JsonNode get(Node node, String path) {
		return send(node, "GET", path, null, 200);
	}

	private JsonNode send(Node node, String method, String path, @Nullable String body, int status) {
		HttpRequest.Builder request = HttpRequest.newBuilder(Objects.requireNonNull(node.base).resolve(path))
			.timeout(Duration.ofSeconds(10));
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		request.method(method,
				(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as("%s %s on %s: %s", method, path, node.name, response.body())
				.isEqualTo(status);
			return json.readTree(response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(method + " " + path + " on " + node.name + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}


	/** One sample JVM. */
	private static final class Node {

		private final String name;

		private final Process process;

		private final Path log;

		private @Nullable URI base;

		Node(String name, Process process, Path log) {
			this.name = name;
			this.process = process;
			this.log = log;
		}

		Optional<Integer> loggedPort() throws IOException {
			if (!Files.exists(this.log)) {
				return Optional.empty();
			}
			Matcher matcher = STARTED_ON_PORT.matcher(Files.readString(this.log));
			return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
		}

	}

}
