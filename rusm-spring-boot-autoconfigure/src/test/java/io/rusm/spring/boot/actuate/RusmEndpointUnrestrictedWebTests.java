package io.rusm.spring.boot.actuate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.rusm.core.ExitReason;
import io.rusm.core.ProcessHandle;
import io.rusm.core.Runtime;
import io.rusm.core.SpawnOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Killing through the {@code rusm} endpoint once its access is unrestricted, and the
 * {@code rusm} health contributor, on a real server.
 */
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=rusm,health",
				"management.endpoint.rusm.access=unrestricted", "management.endpoint.health.show-details=always",
				"rusm.supervisor.max-restarts=0" })
@AutoConfigureRestTestClient
class RusmEndpointUnrestrictedWebTests {

	@Autowired
	private RestTestClient client;

	@Autowired
	private Runtime runtime;

	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void releaseWorkers() {
		this.release.countDown();
	}

	@Test
	void deletingATagKillsExactlyItsMembers() throws InterruptedException {
		List<ProcessHandle> doomed = spawn("doomed", 3);
		List<ProcessHandle> spared = spawn("spared", 2);
		this.client.delete().uri("/actuator/rusm/tags/doomed").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.tag").isEqualTo("doomed")
			.jsonPath("$.killed").isEqualTo(3);
		for (ProcessHandle handle : doomed) {
			assertThat(handle.join()).isEqualTo(ExitReason.KILLED);
		}
		assertThat(spared).allMatch(ProcessHandle::isAlive);
		assertThat(this.runtime.whereis("greeter")).isPresent();
	}

	@Test
	void deletingAProcessKillsIt() throws InterruptedException {
		ProcessHandle handle = spawn("single", 1).get(0);
		this.client.delete().uri("/actuator/rusm/processes/{pid}", handle.pid().toString()).exchange().expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.pid").isEqualTo(handle.pid().toString())
			.jsonPath("$.killed").isEqualTo(true);
		assertThat(handle.join()).isEqualTo(ExitReason.KILLED);
		this.client.delete().uri("/actuator/rusm/processes/{pid}", handle.pid().id()).exchange().expectStatus()
			.isNotFound();
	}

	@Test
	void deletingByAnUnknownKindIsABadRequest() {
		this.client.delete().uri("/actuator/rusm/names/greeter").exchange().expectStatus().isBadRequest();
		assertThat(this.runtime.whereis("greeter")).isPresent();
	}

	@Test
	void healthTurnsDownOnceASingletonCrashedPastItsRestartIntensity() {
		this.client.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.components.rusm.status").isEqualTo("UP")
			.jsonPath("$.components.rusm.details.singletons").isEqualTo(2);
		this.runtime.sendNamed("fragile", "crash");
		await().untilAsserted(() -> this.client.get().uri("/actuator/health").exchange().expectStatus()
			.isEqualTo(503)
			.expectBody()
			.jsonPath("$.status").isEqualTo("DOWN")
			.jsonPath("$.components.rusm.status").isEqualTo("DOWN")
			.jsonPath("$.components.rusm.details.exhausted.fragile")
			.value(String.class, (crash) -> assertThat(crash).contains("IllegalStateException", "crash requested")));
		this.client.get().uri("/actuator/rusm").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.singletons[?(@.name == 'fragile')].status").isEqualTo(List.of("exhausted"));
	}

	private List<ProcessHandle> spawn(String tag, int count) {
		List<ProcessHandle> handles = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			handles.add(this.runtime.spawn(SpawnOptions.builder().label("victim").tags(tag).build(),
					(ctx) -> this.release.await()));
		}
		return handles;
	}

}
