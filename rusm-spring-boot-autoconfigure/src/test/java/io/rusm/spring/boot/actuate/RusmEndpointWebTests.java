package io.rusm.spring.boot.actuate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.rusm.core.Pid;
import io.rusm.core.ProcessHandle;
import io.rusm.core.Runtime;
import io.rusm.core.SpawnOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code rusm} endpoint, metrics and a {@code @RusmHandler} called from a controller,
 * on a real server with the endpoint's default (read-only) access.
 */
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=rusm,health,metrics",
				"rusm.mailbox.track-depth=true" })
@AutoConfigureRestTestClient
class RusmEndpointWebTests {

	private static final ParameterizedTypeReference<List<String>> STRINGS = new ParameterizedTypeReference<>() {
	};

	@Autowired
	private RestTestClient client;

	@Autowired
	private Runtime runtime;

	private final CountDownLatch release = new CountDownLatch(1);

	private final List<ProcessHandle> workers = new ArrayList<>();

	@AfterEach
	void releaseWorkers() throws InterruptedException {
		this.release.countDown();
		for (ProcessHandle worker : this.workers) {
			worker.join();
		}
	}

	@Test
	void controllerCallsAHandler() {
		this.client.get().uri("/greet/{name}", "Ada").exchange().expectStatus().isOk().expectBody(String.class)
			.isEqualTo("Hello, Ada");
	}

	@Test
	void summaryShowsCountersNamesCensusTagsAndSingletons() {
		spawnWorkers("summary-workers", 2);
		String greeter = this.runtime.whereis("greeter").orElseThrow().toString();
		this.client.get()
			.uri("/actuator/rusm")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.processes").isNumber()
			.jsonPath("$.spawned").isNumber()
			.jsonPath("$.finished").isNumber()
			.jsonPath("$.droppedMessages").isEqualTo(0)
			.jsonPath("$.pendingTimers").isEqualTo(0)
			.jsonPath("$.names.greeter").isEqualTo(greeter)
			.jsonPath("$.census.worker").isEqualTo(2)
			.jsonPath("$.tags['summary-workers']").isEqualTo(2)
			.jsonPath("$.singletons[0].name").isEqualTo("greeter")
			.jsonPath("$.singletons[0].pid").isEqualTo(greeter)
			.jsonPath("$.singletons[0].status").isEqualTo("running")
			.jsonPath("$.singletons[0].restarts").isEqualTo(0)
			.jsonPath("$.singletons[0].supervisor")
			.isEqualTo(this.runtime.whereis("greeter-supervisor").orElseThrow().toString())
			.jsonPath("$.namesTotal").isEqualTo(this.runtime.registered().size())
			.jsonPath("$.labelsTotal").isEqualTo(this.runtime.census().size())
			.jsonPath("$.tagsTotal").isEqualTo(this.runtime.tagCounts().size())
			.jsonPath("$.singletons[1].name").isEqualTo("fragile");
	}

	@Test
	void sectionsAnswerInFull() {
		List<Pid> pids = spawnWorkers("section-workers", 2);
		this.runtime.send(pids.get(0), "waiting");
		String first = pids.get(0).toString();
		this.client.get().uri("/actuator/rusm/processes").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.processes[?(@.pid == '" + first + "')].status").isEqualTo(List.of("alive"))
			.jsonPath("$.processes[?(@.pid == '" + first + "')].label").isEqualTo(List.of("worker"))
			.jsonPath("$.processes[?(@.pid == '" + first + "')].mailboxDepth").isEqualTo(List.of(1));
		this.client.get().uri("/actuator/rusm/census").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.census.worker").isEqualTo(2)
			.jsonPath("$.census.greeter").isEqualTo(1);
		this.client.get().uri("/actuator/rusm/tags").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.tags['section-workers']").isEqualTo(2)
			.jsonPath("$.tags.greeters").isEqualTo(1);
		this.client.get().uri("/actuator/rusm/names").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.names.greeter").isEqualTo(this.runtime.whereis("greeter").orElseThrow().toString())
			.jsonPath("$.names['greeter-supervisor']").exists();
	}

	@Test
	void processesArePagedFilteredAndSorted() {
		List<Pid> pids = spawnWorkers("paged-workers", 3);
		this.runtime.send(pids.get(1), "waiting");
		this.client.get().uri("/actuator/rusm/processes?tag=paged-workers&limit=2").exchange().expectStatus().isOk()
			.expectBody()
			.jsonPath("$.total").isEqualTo(3)
			.jsonPath("$.offset").isEqualTo(0)
			.jsonPath("$.limit").isEqualTo(2)
			.jsonPath("$.truncated").isEqualTo(true)
			.jsonPath("$.processes[*].pid").isEqualTo(List.of(pids.get(0).toString(), pids.get(1).toString()))
			.jsonPath("$.processes[0].state").isEqualTo("running")
			.jsonPath("$.processes[0].exitingSince").doesNotExist()
			.jsonPath("$.processes[0].stackTrace").doesNotExist()
			.jsonPath("$.processes[0].mailboxDepth").isEqualTo(0);
		this.client.get()
			.uri("/actuator/rusm/processes?tag=paged-workers&label=worker&sort=mailboxDepth&order=desc&offset=0&limit=1")
			.exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.total").isEqualTo(3)
			.jsonPath("$.processes[*].pid").isEqualTo(List.of(pids.get(1).toString()))
			.jsonPath("$.processes[0].mailboxDepth").isEqualTo(1);
		this.client.get().uri("/actuator/rusm/processes?name=greeter").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.total").isEqualTo(1)
			.jsonPath("$.truncated").isEqualTo(false)
			.jsonPath("$.processes[0].names[0]").isEqualTo("greeter");
	}

	@Test
	void badQueryValuesAreBadRequestsNamingTheValue() {
		List<List<String>> queries = List.of(List.of("limit", "0"), List.of("limit", "1001"),
				List.of("limit", "many"), List.of("offset", "-1"), List.of("sort", "size"), List.of("order", "up"),
				List.of("label", ""), List.of("tag", " "), List.of("name", "\n"));
		for (List<String> query : queries) {
			this.client.get().uri("/actuator/rusm/processes?{parameter}={value}", query.get(0), query.get(1))
				.exchange()
				.expectStatus().isBadRequest()
				.expectBody()
				.jsonPath("$.status").isEqualTo(400)
				.jsonPath("$.message").value(String.class, (message) -> assertThat(message).contains(query.get(0)));
		}
	}

	@Test
	void exitsListCrashesFirst() throws InterruptedException {
		ProcessHandle clean = this.runtime.spawn((ctx) -> {
		});
		clean.join();
		ProcessHandle crashed = this.runtime.spawn(SpawnOptions.builder().label("doomed").build(), (ctx) -> {
			throw new IllegalArgumentException("bad input");
		});
		crashed.join();
		this.client.get().uri("/actuator/rusm/exits").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.exits[0].status").isEqualTo("exited")
			.jsonPath("$.exits[0].reason").isEqualTo("crashed")
			.jsonPath("$.exits[?(@.pid == '" + crashed.pid() + "')].exception.exception")
			.isEqualTo(List.of(IllegalArgumentException.class.getName()))
			.jsonPath("$.exits[?(@.pid == '" + clean.pid() + "')].reason").isEqualTo(List.of("normal"));
	}

	@Test
	void processIsFoundByBareNumberAndByEncodedPid() {
		Pid pid = spawnWorkers("lookup-workers", 1).get(0);
		this.client.get().uri("/actuator/rusm/processes/{pid}", pid.id()).exchange().expectStatus().isOk()
			.expectBody()
			.jsonPath("$.pid").isEqualTo(pid.toString())
			.jsonPath("$.status").isEqualTo("alive")
			.jsonPath("$.label").isEqualTo("worker")
			.jsonPath("$.tags[0]").isEqualTo("lookup-workers")
			.jsonPath("$.trapExit").isEqualTo(false)
			.jsonPath("$.startedAt").isNotEmpty()
			.jsonPath("$.state").isEqualTo("running")
			.jsonPath("$.exitingSince").doesNotExist()
			.jsonPath("$.stackTrace[*]").value(STRINGS, (frames) -> assertThat(frames)
				.anySatisfy((frame) -> assertThat(frame).contains("CountDownLatch.await")));
		this.client.get().uri("/actuator/rusm/processes/{pid}", pid.toString()).exchange().expectStatus().isOk()
			.expectBody()
			.jsonPath("$.pid").isEqualTo(pid.toString());
	}

	@Test
	void deadProcessAnswersWithItsExitRecord() throws InterruptedException {
		ProcessHandle crashed = this.runtime.spawn(SpawnOptions.builder().label("short-lived").build(), (ctx) -> {
			throw new IllegalStateException("gone");
		});
		crashed.join();
		this.client.get().uri("/actuator/rusm/processes/{pid}", crashed.pid().id()).exchange().expectStatus().isOk()
			.expectBody()
			.jsonPath("$.pid").isEqualTo(crashed.pid().toString())
			.jsonPath("$.status").isEqualTo("exited")
			.jsonPath("$.reason").isEqualTo("crashed")
			.jsonPath("$.label").isEqualTo("short-lived")
			.jsonPath("$.exception.exception").isEqualTo(IllegalStateException.class.getName())
			.jsonPath("$.exception.message").isEqualTo("gone")
			.jsonPath("$.exception.stackTrace").isNotEmpty()
			.jsonPath("$.exitedAt").isNotEmpty();
	}

	@Test
	void unknownIdsAreNotFound() {
		this.client.get().uri("/actuator/rusm/processes/{pid}", Long.MAX_VALUE).exchange().expectStatus().isNotFound();
		this.client.get().uri("/actuator/rusm/names/{name}", "nobody").exchange().expectStatus().isNotFound();
	}

	@Test
	void unknownSectionsKindsAndMalformedPidsAreBadRequests() {
		this.client.get().uri("/actuator/rusm/bogus").exchange().expectStatus().isBadRequest();
		this.client.get().uri("/actuator/rusm/bogus/1").exchange().expectStatus().isBadRequest();
		this.client.get().uri("/actuator/rusm/processes/not-a-pid").exchange().expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.message").value(String.class, (message) -> assertThat(message).contains("malformed pid"));
		this.client.get().uri("/actuator/rusm/tags/{tag}", " ").exchange().expectStatus().isBadRequest().expectBody()
			.jsonPath("$.message").isEqualTo("tag must not be blank");
		this.client.get().uri("/actuator/rusm/names/{name}", "a\nb").exchange().expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.error").isEqualTo("Control character in name");
		this.client.get().uri("/actuator/rusm/names/{name}", "n".repeat(256)).exchange().expectStatus()
			.isBadRequest();
	}

	@Test
	void tagAndNameDetails() {
		List<Pid> pids = spawnWorkers("detail-workers", 2);
		this.client.get().uri("/actuator/rusm/tags/detail-workers").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.tag").isEqualTo("detail-workers")
			.jsonPath("$.members.length()").isEqualTo(2)
			.jsonPath("$.members[*]").value(STRINGS, (members) -> assertThat(members)
				.containsExactlyInAnyOrder(pids.get(0).toString(), pids.get(1).toString()));
		this.client.get().uri("/actuator/rusm/tags/no-such-tag").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.tag").isEqualTo("no-such-tag")
			.jsonPath("$.members").isEmpty();
		this.client.get().uri("/actuator/rusm/names/greeter").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.name").isEqualTo("greeter")
			.jsonPath("$.pid").isEqualTo(this.runtime.whereis("greeter").orElseThrow().toString());
	}

	@Test
	void killingIsRefusedUnderTheDefaultAccess() {
		List<Pid> pids = spawnWorkers("protected-workers", 2);
		this.client.delete().uri("/actuator/rusm/tags/protected-workers").exchange().expectStatus().is4xxClientError();
		this.client.delete().uri("/actuator/rusm/processes/{pid}", pids.get(0).id()).exchange().expectStatus()
			.is4xxClientError();
		assertThat(pids).allMatch(this.runtime::isAlive);
	}

	@Test
	void liveProcessesMetricReflectsSpawnedProcesses() {
		double before = liveProcesses();
		spawnWorkers("metric-workers", 3);
		assertThat(liveProcesses()).isEqualTo(before + 3);
		this.client.get().uri("/actuator/metrics/rusm.processes.exited").exchange().expectStatus().isOk()
			.expectBody()
			.jsonPath("$.availableTags[?(@.tag == 'reason')].values[*]")
			.value(STRINGS, (values) -> assertThat(values).contains("normal", "killed", "shutdown", "noproc",
					"crashed"));
		await().untilAsserted(() -> this.client.get()
			.uri("/actuator/metrics/rusm.census?tag=label:worker")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.measurements[0].value")
			.isEqualTo(3.0));
	}

	private double liveProcesses() {
		List<Number> values = new ArrayList<>();
		this.client.get()
			.uri("/actuator/metrics/rusm.processes.live")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.baseUnit").isEqualTo("processes")
			.jsonPath("$.description").isNotEmpty()
			.jsonPath("$.measurements[0].value").value(Number.class, values::add);
		return values.get(0).doubleValue();
	}

	private List<Pid> spawnWorkers(String tag, int count) {
		List<Pid> pids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ProcessHandle handle = this.runtime.spawn(SpawnOptions.builder().label("worker").tags(tag).build(),
					(ctx) -> this.release.await());
			this.workers.add(handle);
			pids.add(handle.pid());
		}
		return pids;
	}

}
