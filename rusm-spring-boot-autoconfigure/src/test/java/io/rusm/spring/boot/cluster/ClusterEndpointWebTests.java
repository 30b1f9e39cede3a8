package io.rusm.spring.boot.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.micrometer.core.instrument.MeterRegistry;
import io.rusm.core.Runtime;
import io.rusm.core.SpawnOptions;
import io.rusm.spring.boot.actuate.endpoint.RusmEndpointWebExtension;
import io.rusm.spring.boot.actuate.metrics.RusmMetricNames;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.audit.AuditEvent;
import org.springframework.boot.actuate.audit.AuditEventRepository;
import org.springframework.boot.actuate.audit.InMemoryAuditEventRepository;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cluster section of the {@code rusm} endpoint, the node count of the health check and
 * the cluster meters, on real servers: two instances of one application form a cluster.
 */
class ClusterEndpointWebTests {

	private static final String[] WEB = { "spring.main.web-application-type=servlet", "server.port=0",
			"server.address=127.0.0.1", "management.endpoints.web.exposure.include=rusm,health",
			"management.endpoint.rusm.access=unrestricted", "management.endpoint.health.show-details=always" };

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void describesTheWholeClusterAndKillsAProcessGroupOnEveryNode() throws Exception {
		try (ClusterNodes nodes = ClusterNodes.start(2, ClusterSingletonTests.LeaderApplication.class, WEB)) {
			await().atMost(Duration.ofSeconds(30)).until(() -> nodes.cluster(0).nodes().size() == 2);
			CountDownLatch release = new CountDownLatch(1);
			for (int i = 0; i < 2; i++) {
				spawnWorkers(nodes.context(i).getBean(Runtime.class), 2, release);
			}
			String leaderNode = nodes.cluster(0).call("leader", "who", Duration.ofSeconds(5));

			JsonNode cluster = get(nodes.httpPort(1), "/actuator/rusm/cluster", 200);
			assertThat(cluster.path("cluster").asString()).startsWith("rusm-spring-test-");
			assertThat(cluster.path("nodes")).hasSize(2);
			assertThat(cluster.path("nodes").get(0).path("address").asString()).startsWith("127.0.0.1:");
			assertThat(cluster.path("nodes").valueStream().filter((node) -> node.path("local").asBoolean()))
				.singleElement()
				.satisfies((node) -> assertThat(node.path("name").asString()).isEqualTo("node-1"));
			assertThat(cluster.path("names").path("leader").path("node").asString()).isEqualTo(leaderNode);
			assertThat(cluster.path("names").path("leader").path("pid").asString()).matches("<\\d+\\.\\d+\\.0>");
			assertThat(cluster.path("census").path("leader").asInt()).isEqualTo(1);
			assertThat(cluster.path("census").path("worker").asInt()).isEqualTo(4);
			assertThat(cluster.path("tags").path("workers").asInt()).isEqualTo(4);

			JsonNode killed = send(nodes.httpPort(0), "DELETE", "/actuator/rusm/cluster/tags/workers", 200);
			assertThat(killed.path("tag").asString()).isEqualTo("workers");
			assertThat(killed.path("killed").asInt()).isEqualTo(4);
			await().atMost(Duration.ofSeconds(5))
				.until(() -> nodes.cluster(0).tagCounts().getOrDefault("workers", 0) == 0);
			release.countDown();

			assertThat(get(nodes.httpPort(0), "/actuator/health/rusm", 200).path("details").path("nodes").asInt())
				.isEqualTo(2);
			MeterRegistry meters = nodes.context(0).getBean(MeterRegistry.class);
			assertThat(meters.get(RusmMetricNames.CLUSTER_NODES).gauge().value()).isEqualTo(2);
			assertThat(meters.get(RusmMetricNames.CLUSTER_NODES).gauge().getId().getBaseUnit()).isEqualTo("nodes");
			int holder = Integer.parseInt(leaderNode.substring("node-".length()));
			int caller = 1 - holder;
			nodes.cluster(caller).call("leader", "who", Duration.ofSeconds(5));
			assertThat(counted(nodes, caller, RusmMetricNames.CLUSTER_MESSAGES_SENT)).isPositive();
			assertThat(counted(nodes, holder, RusmMetricNames.CLUSTER_MESSAGES_RECEIVED)).isPositive();
			send(nodes.httpPort(0), "DELETE", "/actuator/rusm/cluster/names/leader", 400);
		}
	}

	@Test
	void aClusterWideKillOverHttpIsAudited() throws Exception {
		try (ClusterNodes nodes = ClusterNodes.start(2, AuditedLeaderApplication.class, WEB)) {
			await().atMost(Duration.ofSeconds(30)).until(() -> nodes.cluster(0).nodes().size() == 2);
			CountDownLatch release = new CountDownLatch(1);
			for (int i = 0; i < 2; i++) {
				spawnWorkers(nodes.context(i).getBean(Runtime.class), 2, release);
			}
			await().atMost(Duration.ofSeconds(5))
				.until(() -> nodes.cluster(1).tagCounts().getOrDefault("workers", 0) == 4);

			send(nodes.httpPort(1), "DELETE", "/actuator/rusm/cluster/tags/workers", 200);
			release.countDown();

			List<AuditEvent> kills = nodes.context(1)
				.getBean(AuditEventRepository.class)
				.find(null, null, RusmEndpointWebExtension.KILL_AUDIT_TYPE);
			assertThat(kills).singleElement().satisfies((kill) -> {
				assertThat(kill.getPrincipal()).isEqualTo("anonymous");
				assertThat(kill.getData()).containsEntry("scope", "cluster")
					.containsEntry("kind", "tags")
					.containsEntry("target", "workers")
					.containsEntry("killed", 4);
			});
			assertThat(nodes.context(0).getBean(AuditEventRepository.class).find(null, null, null)).isEmpty();
		}
	}

	@Test
	void clusterIsAnUnknownSectionWhenClusterModeIsOff() throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(
				ClusterSingletonTests.LeaderApplication.class)
			.web(WebApplicationType.SERVLET)
			.properties(WEB)
			.properties("rusm.cluster.node-name=alone")
			.run()) {
			int port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
			JsonNode error = get(port, "/actuator/rusm/cluster", 400);
			assertThat(error.toString()).contains("Unknown section");
			send(port, "DELETE", "/actuator/rusm/cluster/tags/workers", 400);
			assertThat(get(port, "/actuator/health/rusm", 200).path("details").has("nodes")).isFalse();
		}
	}

	/** The leader application with auditing on. */
	@Configuration(proxyBeanMethods = false)
	@Import(ClusterSingletonTests.LeaderApplication.class)
	static class AuditedLeaderApplication {

		@Bean
		InMemoryAuditEventRepository auditEvents() {
			return new InMemoryAuditEventRepository();
		}

	}

	private static double counted(ClusterNodes nodes, int index, String meter) {
		return nodes.context(index).getBean(MeterRegistry.class).get(meter).functionCounter().count();
	}

	private static void spawnWorkers(Runtime runtime, int count, CountDownLatch release) {
		for (int i = 0; i < count; i++) {
			runtime.spawn(SpawnOptions.builder().label("worker").tags("workers").build(), (ctx) -> release.await());
		}
	}

	private JsonNode get(int port, String path, int status) throws IOException, InterruptedException {
		return send(port, "GET", path, status);
	}

	private JsonNode send(int port, String method, String path, int status) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
		return response.body().isEmpty() ? this.json.createObjectNode() : this.json.readTree(response.body());
	}

}
