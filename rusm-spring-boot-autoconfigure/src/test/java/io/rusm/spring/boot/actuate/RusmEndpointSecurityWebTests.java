package io.rusm.spring.boot.actuate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.rusm.core.ExitReason;
import io.rusm.core.ProcessHandle;
import io.rusm.core.Runtime;
import io.rusm.core.SpawnOptions;
import io.rusm.spring.boot.actuate.endpoint.RusmEndpointWebExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.audit.AuditEvent;
import org.springframework.boot.actuate.audit.AuditEventRepository;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's Spring Security configuration of the {@code rusm} endpoint, on a real
 * server: killing needs the operator role, and every kill is audited.
 */
@SpringBootTest(classes = SecuredWebTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=rusm",
				"management.endpoint.rusm.access=unrestricted" })
@AutoConfigureRestTestClient
class RusmEndpointSecurityWebTests {

	@Autowired
	private RestTestClient client;

	@Autowired
	private Runtime runtime;

	@Autowired
	private AuditEventRepository auditEvents;

	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void releaseVictims() {
		this.release.countDown();
	}

	@Test
	void anonymousCallersAreUnauthorized() {
		List<ProcessHandle> victims = spawn("anonymous-target", 1);
		this.client.delete().uri("/actuator/rusm/tags/anonymous-target").exchange().expectStatus().isUnauthorized();
		this.client.get().uri("/actuator/rusm").exchange().expectStatus().isUnauthorized();
		assertThat(victims).allMatch(ProcessHandle::isAlive);
	}

	@Test
	void aCallerWithoutTheOperatorRoleMayReadButNotKill() {
		List<ProcessHandle> victims = spawn("viewer-target", 1);
		this.client.get().uri("/actuator/rusm").headers((headers) -> headers.setBasicAuth("viewer", "secret"))
			.exchange().expectStatus().isOk();
		this.client.delete().uri("/actuator/rusm/tags/viewer-target")
			.headers((headers) -> headers.setBasicAuth("viewer", "secret"))
			.exchange().expectStatus().isForbidden();
		assertThat(victims).allMatch(ProcessHandle::isAlive);
	}

	@Test
	void anOperatorKillsAndTheKillIsAudited() throws InterruptedException {
		List<ProcessHandle> victims = spawn("operator-target", 2);
		this.client.delete().uri("/actuator/rusm/tags/operator-target")
			.headers((headers) -> headers.setBasicAuth("operator", "secret"))
			.exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.killed").isEqualTo(2);
		for (ProcessHandle victim : victims) {
			assertThat(victim.join()).isEqualTo(ExitReason.KILLED);
		}
		ProcessHandle single = spawn("operator-single", 1).get(0);
		this.client.delete().uri("/actuator/rusm/processes/{pid}", single.pid().id())
			.headers((headers) -> headers.setBasicAuth("operator", "secret"))
			.exchange().expectStatus().isOk();
		List<AuditEvent> kills = this.auditEvents.find("operator", null, RusmEndpointWebExtension.KILL_AUDIT_TYPE);
		assertThat(kills).hasSize(2);
		assertThat(kills.get(0).getData()).containsEntry("scope", "node")
			.containsEntry("kind", "tags")
			.containsEntry("target", "operator-target")
			.containsEntry("killed", 2);
		assertThat(kills.get(1).getData()).containsEntry("kind", "processes")
			.containsEntry("target", single.pid().toString()).containsEntry("killed", 1);
	}

	private List<ProcessHandle> spawn(String tag, int count) {
		List<ProcessHandle> handles = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			handles.add(this.runtime.spawn(SpawnOptions.builder().tags(tag).build(), (ctx) -> this.release.await()));
		}
		return handles;
	}

}
