package io.rusm.sample;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End-to-end test of the packaged sample: starts the jar that {@code package} built as a
 * JVM of its own on a free port, drives it over HTTP the way a user would, and stops it
 * with {@code SIGTERM}.
 * <p>
 * The tests share that one JVM; none depends on what another did before it, but the one
 * that shuts the JVM down runs last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleApplicationIT {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	/** The exit status of a JVM ended by {@code SIGTERM}: 128 + 15. */
	private static final int SIGTERM_EXIT_STATUS = 143;

	private static final JsonMapper json = SampleJvm.JSON;

	private @Nullable SampleJvm app;

	@BeforeAll
	void startPackagedApp() throws IOException {
		this.app = SampleJvm.start("sample-app-it", PATIENCE, List.of()).awaitStarted();
		await("/actuator/health to answer UP").atMost(SampleJvm.STARTUP)
			.pollInterval(Duration.ofMillis(200))
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(getJson("/actuator/health").path("status").asString()).isEqualTo("UP"));
	}

	@AfterAll
	void stopIfStillRunning() {
		if (this.app != null) {
			this.app.close();
		}
	}

	@Test
	void healthShowsTheRuntimeAndBothSingletonsRun() {
		JsonNode health = getJson("/actuator/health");
		assertThat(health.path("components").path("rusm").path("status").asString()).isEqualTo("UP");
		JsonNode rusm = getJson("/actuator/rusm");
		assertThat(rusm.path("names").propertyNames()).contains("plan-tracker", "visit-counter");
		assertThat(rusm.path("singletons").values()).extracting((singleton) -> singleton.path("status").asString())
			.containsOnly("running");
	}

	@Test
	void planIsCreatedWatchedAndCancelledByKillingItsProcessGroup() {
		HttpResponse<String> created = send("POST", "/plans", "{\"agents\": 3, \"workMillis\": 60000}");
		assertThat(created.statusCode()).isEqualTo(201);
		JsonNode plan = json.readTree(created.body());
		long id = plan.path("id").asLong();
		String tag = "plan:" + id;
		assertThat(plan.path("tag").asString()).isEqualTo(tag);
		assertThat(plan.path("status").asString()).isEqualTo("running");
		assertThat(created.headers().firstValue("Location")).hasValueSatisfying(
				(location) -> assertThat(location).endsWith("/plans/" + id));

		await("agents to report progress").atMost(PATIENCE)
			.untilAsserted(() -> assertThat(getJson("/plans/" + id).path("completedSteps").asInt()).isPositive());

		JsonNode during = getJson("/actuator/rusm");
		assertThat(during.path("census").path("agent").asInt()).isGreaterThanOrEqualTo(3);
		assertThat(during.path("tags").path(tag).asInt()).isEqualTo(3);
		JsonNode page = getJson("/actuator/rusm/processes?label=agent&limit=2&tag=" + encode(tag));
		assertThat(page.path("total").asInt()).isEqualTo(3);
		assertThat(page.path("truncated").asBoolean()).isTrue();
		assertThat(page.path("processes").size()).isEqualTo(2);
		List<String> agents = strings(getJson("/actuator/rusm/tags/" + encode(tag)).path("members"));
		assertThat(agents).hasSize(3);
		for (String pid : agents) {
			JsonNode process = getJson("/actuator/rusm/processes/" + number(pid));
			assertThat(process.path("status").asString()).isEqualTo("alive");
			assertThat(process.path("label").asString()).isEqualTo("agent");
			assertThat(strings(process.path("tags"))).containsExactly(tag);
		}

		HttpResponse<String> cancelled = send("DELETE", "/plans/" + id, null);
		assertThat(cancelled.statusCode()).isEqualTo(200);
		JsonNode cancellation = json.readTree(cancelled.body());
		assertThat(cancellation.path("stopped").asInt()).isEqualTo(3);
		assertThat(cancellation.path("plan").path("status").asString()).isEqualTo("cancelled");

		await("the killed agents to leave the process table and their group").atMost(PATIENCE).untilAsserted(() -> {
			assertThat(getJson("/actuator/rusm/processes?label=agent&tag=" + encode(tag)).path("total").asInt())
				.isZero();
			assertThat(getJson("/actuator/rusm").path("tags").has(tag)).isFalse();
		});
		assertThat(strings(getJson("/actuator/rusm/tags/" + encode(tag)).path("members"))).isEmpty();
		assertThat(getJson("/plans/" + id).path("liveAgents").asInt()).isZero();

		JsonNode exits = getJson("/actuator/rusm/exits").path("exits");
		for (String pid : agents) {
			assertThat(exits.values()).filteredOn((exit) -> exit.path("pid").asString().equals(pid))
				.singleElement()
				.satisfies((exit) -> {
					assertThat(exit.path("reason").asString()).isEqualTo("killed");
					assertThat(exit.path("label").asString()).isEqualTo("agent");
					assertThat(strings(exit.path("tags"))).containsExactly(tag);
				});
			JsonNode process = getJson("/actuator/rusm/processes/" + number(pid));
			assertThat(process.path("status").asString()).isEqualTo("exited");
			assertThat(process.path("reason").asString()).isEqualTo("killed");
		}
		assertThat(send("DELETE", "/plans/" + id, null).body()).contains("\"stopped\":0");
	}

	@Test
	void shortPlanCompletesAndItsAgentsExitNormally() {
		HttpResponse<String> created = send("POST", "/plans", "{\"agents\": 2, \"workMillis\": 300}");
		assertThat(created.statusCode()).isEqualTo(201);
		long id = json.readTree(created.body()).path("id").asLong();
		await("the plan to complete").atMost(PATIENCE).untilAsserted(() -> {
			JsonNode plan = getJson("/plans/" + id);
			assertThat(plan.path("status").asString()).isEqualTo("completed");
			assertThat(plan.path("percent").asInt()).isEqualTo(100);
			assertThat(plan.path("finishedAgents").asInt()).isEqualTo(2);
		});
		await("the agents to exit").atMost(PATIENCE).untilAsserted(() -> assertThat(getJson("/actuator/rusm/exits")
			.path("exits")
			.values()).filteredOn((exit) -> strings(exit.path("tags")).contains("plan:" + id))
			.hasSize(2)
			.allSatisfy((exit) -> assertThat(exit.path("reason").asString()).isEqualTo("normal")));
	}

	@Test
	void crashedSingletonIsRestartedWithFreshState() {
		long visitsBefore = getJson("/counter").path("visits").asLong();
		int restartsBefore = visitCounter().path("restarts").asInt();
		send("POST", "/counter/visits", null);
		JsonNode visits = json.readTree(send("POST", "/counter/visits", null).body());
		assertThat(visits.path("visits").asLong()).isEqualTo(visitsBefore + 2);

		HttpResponse<String> crashed = send("POST", "/counter/crash", null);
		assertThat(crashed.statusCode()).isEqualTo(200);
		JsonNode crash = json.readTree(crashed.body());
		String oldPid = crash.path("crashed").asString();
		assertThat(oldPid).isEqualTo(visits.path("pid").asString());
		assertThat(crash.path("reason").asString()).isEqualTo("crashed");
		String newPid = crash.path("restarted").asString();
		assertThat(newPid).isNotBlank().isNotEqualTo(oldPid);

		JsonNode fresh = getJson("/counter");
		assertThat(fresh.path("pid").asString()).isEqualTo(newPid);
		assertThat(fresh.path("visits").asLong()).isZero();

		JsonNode exit = getJson("/actuator/rusm/processes/" + number(oldPid));
		assertThat(exit.path("status").asString()).isEqualTo("exited");
		assertThat(exit.path("reason").asString()).isEqualTo("crashed");
		assertThat(exit.path("exception").path("exception").asString()).isEqualTo("java.lang.IllegalStateException");
		JsonNode singleton = visitCounter();
		assertThat(singleton.path("restarts").asInt()).isEqualTo(restartsBefore + 1);
		assertThat(singleton.path("pid").asString()).isEqualTo(newPid);
		assertThat(singleton.path("status").asString()).isEqualTo("running");
		assertThat(getJson("/actuator/health").path("status").asString()).isEqualTo("UP");
	}

	@Test
	void badRequestsAnswerProblemsNotServerErrors() {
		assertProblem(send("GET", "/plans/999999", null), 404);
		assertProblem(send("DELETE", "/plans/999999", null), 404);
		assertProblem(send("GET", "/plans/not-a-number", null), 400);
		assertProblem(send("POST", "/plans", "{\"agents\": -1, \"workMillis\": 1000}"), 400);
		assertProblem(send("POST", "/plans", "{\"agents\": 2}"), 400);
		assertProblem(send("POST", "/plans", "{\"agents\": 2, "), 400);
		assertProblem(send("POST", "/plans", "not json"), 400);
		assertThat(send("GET", "/actuator/rusm/no-such-section", null).statusCode()).isEqualTo(400);
		assertThat(send("GET", "/actuator/rusm/names/no-such-name", null).statusCode()).isEqualTo(404);
		assertThat(send("GET", "/actuator/rusm/processes/999999999", null).statusCode()).isEqualTo(404);
	}

	@Test
	void metricsAndPrometheusShowTheRuntime() {
		JsonNode live = getJson("/actuator/metrics/rusm.processes.live");
		assertThat(live.path("measurements").get(0).path("value").asDouble()).isPositive();
		double killedBefore = killedProcesses();
		long id = json.readTree(send("POST", "/plans", "{\"agents\": 1, \"workMillis\": 60000}").body())
			.path("id")
			.asLong();
		assertThat(send("DELETE", "/plans/" + id, null).statusCode()).isEqualTo(200);
		await("the killed agent to be counted").atMost(PATIENCE)
			.untilAsserted(() -> assertThat(killedProcesses()).isGreaterThanOrEqualTo(killedBefore + 1));
		HttpResponse<String> prometheus = send("GET", "/actuator/prometheus", null);
		assertThat(prometheus.statusCode()).isEqualTo(200);
		assertThat(prometheus.body()).contains("rusm_processes_live", "rusm_census_processes{label=\"tracker\"}");
	}

	/**
	 * {@code Process.destroy()} sends {@code SIGTERM}. The JVM runs its shutdown hooks (Spring
	 * Boot's closes the context gracefully) and then exits with 143, the status of every
	 * JVM ended by {@code SIGTERM}, however clean its shutdown: so the test checks the
	 * status is that one (not a crash or a {@code SIGKILL}) and reads the log for the
	 * graceful shutdown itself.
	 */
	@Test
	@Order(Integer.MAX_VALUE)
	void sigtermShutsDownGracefully() throws Exception {
		HttpResponse<String> running = send("POST", "/plans", "{\"agents\": 2, \"workMillis\": 60000}");
		assertThat(running.statusCode()).isEqualTo(201);
		Process process = app().process();
		process.destroy();
		assertThat(process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("exited in time").isTrue();
		assertThat(process.exitValue()).isEqualTo(SIGTERM_EXIT_STATUS);

		String output = app().output();
		int drained = output.indexOf("Graceful shutdown complete");
		assertThat(output).contains("Commencing graceful shutdown");
		assertThat(drained).as("the web server drained").isNotNegative();
		assertThat(output.indexOf("(tracker): shutdown")).as("plan-tracker stopped after the drain")
			.isGreaterThan(drained);
		assertThat(output.indexOf("(counter): shutdown")).as("visit-counter stopped after the drain")
			.isGreaterThan(drained);
		assertThat(output.indexOf("(agent): shutdown")).as("running agents shut down").isGreaterThan(drained);
		assertThat(output).doesNotContain("were killed", "did not stop within");
	}

	private JsonNode visitCounter() {
		return getJson("/actuator/rusm").path("singletons")
			.values()
			.stream()
			.filter((singleton) -> singleton.path("name").asString().equals("visit-counter"))
			.findFirst()
			.orElseThrow();
	}

	private double killedProcesses() {
		return getJson("/actuator/metrics/rusm.processes.exited?tag=reason:killed").path("measurements")
			.get(0)
			.path("value")
			.asDouble();
	}

	private JsonNode getJson(String path) {
		return app().get(path);
	}

	private HttpResponse<String> send(String method, String path, @Nullable String body) {
		return app().send(method, path, body);
	}

	private static void assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.uri() + ": " + response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = json.readTree(response.body());
		assertThat(problem.path("status").asInt()).isEqualTo(status);
		assertThat(problem.path("title").asString()).isNotBlank();
	}

	private SampleJvm app() {
		return Objects.requireNonNull(this.app, "the sample was not started");
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.values().forEach((value) -> values.add(value.asString()));
		return values;
	}

	/** The bare number {@code N} of a pid rendered {@code <0.N.0>}, as the endpoint takes it. */
	private static String number(String pid) {
		return pid.substring(3, pid.length() - 3);
	}

	private static String encode(String segment) {
		return URLEncoder.encode(segment, StandardCharsets.UTF_8);
	}

}
