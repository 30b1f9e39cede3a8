package io.rusm.sample.counter;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link CounterController} against the whole application on a random port:
 * the {@link VisitCounter} singleton counts, crashes on request and comes back fresh.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class CounterControllerTests {

	@Autowired
	private RestTestClient client;

	@Test
	void crashedCounterIsRestartedUnderItsNameWithFreshState() {
		visit();
		VisitCounter.Visits before = visit();
		assertThat(before.visits()).isPositive();

		CounterController.Crash crash = crash();
		assertThat(crash.crashed()).isEqualTo(before.pid());
		assertThat(crash.reason()).isEqualTo("crashed");
		assertThat(crash.restarted()).isNotNull().isNotEqualTo(before.pid());

		VisitCounter.Visits after = read();
		assertThat(after.pid()).isEqualTo(crash.restarted());
		assertThat(after.visits()).isZero();
		assertThat(visit().visits()).isOne();
	}

	private VisitCounter.Visits visit() {
		return body(this.client.post().uri("/counter/visits").exchange(), VisitCounter.Visits.class);
	}

	private VisitCounter.Visits read() {
		return body(this.client.get().uri("/counter").exchange(), VisitCounter.Visits.class);
	}

	private CounterController.Crash crash() {
		return body(this.client.post().uri("/counter/crash").exchange(), CounterController.Crash.class);
	}

	private static <T> T body(RestTestClient.ResponseSpec response, Class<T> type) {
		T body = response.expectStatus().isOk().expectBody(type).returnResult().getResponseBody();
		assertThat(body).isNotNull();
		return body;
	}

	/**
	 * With no restarts allowed, the first crash exhausts the supervisor: the counter
	 * stays down, and the API and health say so with a 503 instead of a 500.
	 */
	@Nested
	@TestPropertySource(properties = "rusm.supervisor.max-restarts=0")
	class WhenTheSupervisorGivesUp {

		@Test
		void counterStaysDownAndCallsAnswerServiceUnavailableProblems() {
			CounterController.Crash crash = crash();
			assertThat(crash.reason()).isEqualTo("crashed");
			assertThat(crash.restarted()).isNull();

			for (String path : new String[] { "/counter", "/counter/crash" }) {
				RestTestClient.RequestHeadersSpec<?> request = path.endsWith("crash")
						? CounterControllerTests.this.client.post().uri(path)
						: CounterControllerTests.this.client.get().uri(path);
				request.exchange()
					.expectStatus()
					.isEqualTo(503)
					.expectHeader()
					.contentType(MediaType.APPLICATION_PROBLEM_JSON)
					.expectBody()
					.jsonPath("$.status")
					.isEqualTo(503);
			}
			CounterControllerTests.this.client.get()
				.uri("/actuator/health")
				.exchange()
				.expectStatus()
				.isEqualTo(503)
				.expectBody()
				.jsonPath("$.components.rusm.status")
				.isEqualTo("DOWN");
		}

	}

}
