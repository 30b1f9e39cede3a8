package io.rusm.sample.plans;

import java.time.Duration;
import java.util.List;

import io.rusm.core.ExitReason;
import io.rusm.core.Pid;
import io.rusm.core.Runtime;
import io.rusm.test.TestProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests of {@link PlansController} against the whole application on a random port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "sample.plans.max-live-agents=" + PlansControllerTests.MAX_LIVE_AGENTS)
@AutoConfigureRestTestClient
class PlansControllerTests {

	static final int MAX_LIVE_AGENTS = 40;

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	@Autowired
	private RestTestClient client;

	@Autowired
	private Runtime runtime;

	@Test
	void createStartsTaggedAgentsAndAnswersCreatedWithTheirLocation() {
		PlanView plan = create("{\"agents\": 4, \"workMillis\": 60000}");
		assertThat(plan.status()).isEqualTo("running");
		assertThat(plan.agents()).isEqualTo(4);
		assertThat(plan.tag()).isEqualTo("plan:" + plan.id());
		assertThat(this.runtime.whereisTag(plan.tag())).hasSize(4)
			.allSatisfy((pid) -> assertThat(this.runtime.info(pid)).hasValueSatisfying(
					(info) -> assertThat(info.label()).isEqualTo(Plans.AGENT_LABEL)));
		assertThat(this.runtime.killTag(plan.tag())).isEqualTo(4);
	}

	@Test
	void getShowsProgressUntilThePlanCompletes() {
		PlanView plan = create("{\"agents\": 2, \"workMillis\": 400}");
		await().atMost(PATIENCE).untilAsserted(() -> {
			PlanView progress = get(plan.id());
			assertThat(progress.status()).isEqualTo("completed");
			assertThat(progress.completedSteps()).isEqualTo(progress.totalSteps());
			assertThat(progress.finishedAgents()).isEqualTo(2);
			assertThat(progress.percent()).isEqualTo(100);
		});
		await().atMost(PATIENCE).until(() -> this.runtime.whereisTag(plan.tag()).isEmpty());
	}

	@Test
	void deleteKillsTheAgentsAndSaysHowManyWereStopped() {
		PlanView plan = create("{\"agents\": 3, \"workMillis\": 60000}");
		try (TestProbe probe = TestProbe.spawn(this.runtime)) {
			List<Pid> agents = this.runtime.whereisTag(plan.tag());
			agents.forEach((agent) -> this.runtime.monitor(probe.pid(), agent));
			Plans.Cancellation cancellation = this.client.delete()
				.uri("/plans/{id}", plan.id())
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(Plans.Cancellation.class)
				.returnResult()
				.getResponseBody();
			assertThat(cancellation).isNotNull();
			assertThat(cancellation.stopped()).isEqualTo(3);
			assertThat(cancellation.plan().status()).isEqualTo("cancelled");
			assertThat(cancellation.plan().stoppedAgents()).isEqualTo(3);
			assertThat(agents).hasSize(3)
				.allSatisfy((agent) -> assertThat(probe.expectDown(agent)).isEqualTo(ExitReason.KILLED));
		}
		assertThat(this.runtime.whereisTag(plan.tag())).isEmpty();
		assertThat(get(plan.id()).liveAgents()).isZero();
	}

	@Test
	void plansPastTheCapOnLiveAgentsAreRefusedWithTooManyRequests() {
		await().atMost(PATIENCE).until(() -> this.runtime.census().getOrDefault(Plans.AGENT_LABEL, 0) == 0);
		PlanView first = create("{\"agents\": 30, \"workMillis\": 60000}");
		int liveBefore = this.runtime.census().getOrDefault(Plans.AGENT_LABEL, 0);
		this.client.post()
			.uri("/plans")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"agents\": 11, \"workMillis\": 60000}")
			.exchange()
			.expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status").isEqualTo(429)
			.jsonPath("$.detail").value(String.class, (detail) -> assertThat(detail).contains("40 live agents"));
		assertThat(this.runtime.census().getOrDefault(Plans.AGENT_LABEL, 0)).isEqualTo(liveBefore);
		PlanView fits = create("{\"agents\": 10, \"workMillis\": 60000}");
		this.runtime.killTag(first.tag());
		this.runtime.killTag(fits.tag());
		await().atMost(PATIENCE).until(() -> this.runtime.census().getOrDefault(Plans.AGENT_LABEL, 0) == 0);
		this.runtime.killTag(create("{\"agents\": 40, \"workMillis\": 60000}").tag());
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"agents\": -1, \"workMillis\": 1000}", "{\"agents\": 0, \"workMillis\": 1000}",
			"{\"agents\": 10001, \"workMillis\": 1000}", "{\"agents\": 2, \"workMillis\": 0}",
			"{\"agents\": 2, \"workMillis\": 3600001}", "{\"workMillis\": 1000}", "{\"agents\": 2}", "{}",
			"{\"agents\": \"three\", \"workMillis\": 1000}", "{\"agents\": 2, ", "not json", "[]" })
	void invalidPlanIsABadRequestProblem(String body) {
		this.client.post()
			.uri("/plans")
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(400)
			.jsonPath("$.instance")
			.isEqualTo("/plans");
	}

	@Test
	void negativeAgentCountIsExplained() {
		this.client.post()
			.uri("/plans")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"agents\": -1, \"workMillis\": 1000}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("'agents' must be between 1 and 10000, got -1");
	}

	@Test
	void unknownPlanIsANotFoundProblem() {
		for (HttpMethod method : new HttpMethod[] { HttpMethod.GET, HttpMethod.DELETE }) {
			this.client.method(method)
				.uri("/plans/{id}", Long.MAX_VALUE)
				.exchange()
				.expectStatus()
				.isNotFound()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.detail")
				.isEqualTo("No plan with id " + Long.MAX_VALUE);
		}
	}

	@Test
	void malformedPlanIdIsABadRequestProblem() {
		this.client.get()
			.uri("/plans/abc")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	private PlanView create(String body) {
		EntityExchangeResult<PlanView> created = this.client.post()
			.uri("/plans")
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(PlanView.class)
			.returnResult();
		PlanView plan = created.getResponseBody();
		assertThat(plan).isNotNull();
		assertThat(created.getResponseHeaders().getLocation()).hasPath("/plans/" + plan.id());
		return plan;
	}

	private PlanView get(long id) {
		PlanView plan = this.client.get()
			.uri("/plans/{id}", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(PlanView.class)
			.returnResult()
			.getResponseBody();
		assertThat(plan).isNotNull();
		return plan;
	}

}
