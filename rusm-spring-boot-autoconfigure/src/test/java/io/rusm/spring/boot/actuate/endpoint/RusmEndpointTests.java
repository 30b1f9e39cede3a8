package io.rusm.spring.boot.actuate.endpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.rusm.core.Pid;
import io.rusm.core.ProcessHandle;
import io.rusm.core.Runtime;
import io.rusm.core.SpawnOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The {@link RusmEndpoint} called directly on a runtime of its own: paging, filters,
 * sorting, the bounded summary and the checks of ids and query values; a page asked for
 * again reuses the last walk only while the table is unchanged (spawns, exits and relabels
 * show at once, and its processes are described afresh).
 */
class RusmEndpointTests {

	private final Runtime runtime = Runtime.builder().trackMailboxDepth(true).build();

	private final RusmEndpoint endpoint = new RusmEndpoint(this.runtime, null, null);

	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void closeRuntime() {
		this.release.countDown();
		this.runtime.close();
	}

	@Test
	void pagesCoverEveryProcessOnceInPidOrder() {
		List<Pid> pids = spawn(7, "worker", "paged");
		List<String> seen = new ArrayList<>();
		for (int offset = 0; offset < 7; offset += 3) {
			ProcessPageDescriptor page = page(query("3", Integer.toString(offset), null, null, null, null, null));
			assertThat(page.total()).isEqualTo(7);
			assertThat(page.offset()).isEqualTo(offset);
			assertThat(page.limit()).isEqualTo(3);
			assertThat(page.truncated()).isEqualTo(offset + page.processes().size() < 7);
			page.processes().forEach((process) -> seen.add(process.pid()));
		}
		assertThat(seen).containsExactlyElementsOf(pids.stream().map(Pid::toString).toList());
	}

	@Test
	void pagesInDescendingPidOrderCoverEveryProcessOnce() {
		List<Pid> pids = spawn(7, "worker", "paged");
		List<String> seen = new ArrayList<>();
		for (int offset = 0; offset < 7; offset += 3) {
			ProcessPageDescriptor page = page(query("3", Integer.toString(offset), null, null, null, null, "desc"));
			assertThat(page.total()).isEqualTo(7);
			assertThat(page.truncated()).isEqualTo(offset + page.processes().size() < 7);
			page.processes().forEach((process) -> seen.add(process.pid()));
		}
		assertThat(seen).containsExactlyElementsOf(text(pids).reversed());
	}

	@Test
	void defaultPageHoldsAHundredProcesses() {
		spawn(130, "worker", "many");
		ProcessPageDescriptor page = page(query(null, null, null, null, null, null, null));
		assertThat(page.total()).isEqualTo(130);
		assertThat(page.limit()).isEqualTo(100);
		assertThat(page.processes()).hasSize(100);
		assertThat(page.truncated()).isTrue();
	}

	@Test
	void anOffsetPastTheEndGivesAnEmptyPage() {
		spawn(2, "worker", "few");
		ProcessPageDescriptor page = page(query("10", "5", null, null, null, "label", null));
		assertThat(page.total()).isEqualTo(2);
		assertThat(page.processes()).isEmpty();
		assertThat(page.truncated()).isFalse();
	}

	@Test
	void filtersCombineWithAnd() {
		List<Pid> alphas = spawn(3, "alpha", "group");
		spawn(2, "beta", "group");
		spawn(2, "alpha", "other");
		this.runtime.register("chief", alphas.get(1));
		assertThat(pids(query(null, null, "alpha", "group", null, null, null))).containsExactlyElementsOf(text(alphas));
		assertThat(page(query(null, null, "alpha", null, null, null, null)).total()).isEqualTo(5);
		assertThat(page(query(null, null, null, "group", null, null, null)).total()).isEqualTo(5);
		assertThat(pids(query(null, null, null, null, "chief", null, null))).containsExactly(alphas.get(1).toString());
		assertThat(pids(query(null, null, "alpha", "group", "chief", null, null)))
			.containsExactly(alphas.get(1).toString());
		assertThat(page(query(null, null, null, "other", "chief", null, null)).total()).isZero();
		assertThat(page(query(null, null, "beta", null, "chief", null, null)).total()).isZero();
		assertThat(page(query(null, null, null, null, "nobody", null, null)).total()).isZero();
	}

	@Test
	void sortsByLabelAgeAndMailboxDepthBothWays() {
		List<Pid> pids = new ArrayList<>();
		pids.addAll(spawn(1, "charlie", "sorted"));
		pids.addAll(spawn(1, "alpha", "sorted"));
		pids.addAll(spawn(1, "bravo", "sorted"));
		this.runtime.send(pids.get(0), "one");
		this.runtime.send(pids.get(2), "one");
		this.runtime.send(pids.get(2), "two");
		assertThat(pids(query(null, null, null, "sorted", null, "label", null)))
			.containsExactly(text(pids.get(1), pids.get(2), pids.get(0)));
		assertThat(pids(query(null, null, null, "sorted", null, "label", "desc")))
			.containsExactly(text(pids.get(0), pids.get(2), pids.get(1)));
		assertThat(pids(query(null, null, null, "sorted", null, "age", null))).containsExactlyElementsOf(text(pids));
		assertThat(pids(query(null, null, null, "sorted", null, "age", "desc")))
			.containsExactlyElementsOf(text(pids).reversed());
		assertThat(pids(query(null, null, null, "sorted", null, "mailboxDepth", "desc")))
			.containsExactly(text(pids.get(2), pids.get(0), pids.get(1)));
		assertThat(pids(query("1", "1", null, "sorted", null, "mailboxDepth", "desc")))
			.containsExactly(pids.get(0).toString());
		assertThat(pids(query(null, null, null, "sorted", null, "pid", "desc")))
			.containsExactlyElementsOf(text(pids).reversed());
	}

	@Test
	void unlabeledProcessesSortAfterLabeledOnes() {
		ProcessHandle unlabeled = this.runtime.spawn((ctx) -> this.release.await());
		Pid labeled = spawn(1, "zulu", "none").get(0);
		assertThat(pids(query(null, null, null, null, null, "label", null)))
			.containsExactly(text(labeled, unlabeled.pid()));
	}

	@Test
	void mailboxDepthIsLeftOutWhenDepthsAreNotTracked() {
		try (Runtime untracked = Runtime.create()) {
			ProcessHandle handle = untracked.spawn((ctx) -> this.release.await());
			ProcessPageDescriptor page = (ProcessPageDescriptor) new RusmEndpoint(untracked, null, null)
				.section("processes", null, null, null, null, null, null, null);
			assertThat(page.processes()).singleElement()
				.satisfies((process) -> assertThat(process.mailboxDepth()).isNull());
			handle.kill();
		}
	}

	@Test
	void aKilledProcessThatHasNotEndedShowsAsExitingWithItsStack() throws InterruptedException {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch never = new CountDownLatch(1);
		AtomicBoolean stop = new AtomicBoolean();
		ProcessHandle stubborn = this.runtime.spawn(SpawnOptions.builder().label("stubborn").build(), (ctx) -> {
			started.countDown();
			while (!stop.get()) {
				try {
					never.await();
				}
				catch (InterruptedException ex) {
					// swallows the kill's interrupt, as stuck code does
				}
			}
		});
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		ProcessDescriptor running = (ProcessDescriptor) this.endpoint.detail("processes", stubborn.pid().toString());
		assertThat(running.state()).isEqualTo("running");
		assertThat(running.exitingSince()).isNull();
		assertThat(running.stackTrace()).isNotEmpty().hasSizeLessThanOrEqualTo(ProcessDescriptor.STACK_DEPTH);
		Instant beforeKill = Instant.now().minusSeconds(1);
		stubborn.kill();
		ProcessDescriptor exiting = (ProcessDescriptor) this.endpoint.detail("processes", stubborn.pid().toString());
		assertThat(exiting.state()).isEqualTo("exiting");
		assertThat(exiting.exitingSince()).isAfter(beforeKill);
		assertThat(exiting.stackTrace()).anySatisfy((frame) -> assertThat(frame).contains("CountDownLatch.await"))
			.anySatisfy((frame) -> assertThat(frame).contains(RusmEndpointTests.class.getName()));
		assertThat(page(query(null, null, "stubborn", null, null, null, null)).processes()).singleElement()
			.satisfies((process) -> {
				assertThat(process.state()).isEqualTo("exiting");
				assertThat(process.stackTrace()).isNull();
			});
		stop.set(true);
		never.countDown();
		stubborn.join();
	}

	@Test
	void summaryIsBoundedWithTotals() {
		for (int i = 0; i < 120; i++) {
			Pid pid = spawn(1, "label-" + i, "tag-" + i).get(0);
			this.runtime.register("name-" + (1000 + i), pid);
		}
		spawn(3, "crowd", "big");
		spawn(2, "pair", "tag-119");
		SummaryDescriptor summary = this.endpoint.summary();
		assertThat(summary.processes()).isEqualTo(125);
		assertThat(summary.namesTotal()).isEqualTo(120);
		assertThat(summary.names()).hasSize(100).containsKey("name-1000").containsKey("name-1099")
			.doesNotContainKey("name-1100");
		assertThat(summary.labelsTotal()).isEqualTo(122);
		assertThat(summary.census()).hasSize(100);
		assertThat(summary.census().keySet()).startsWith("crowd", "pair", "label-0", "label-1", "label-10");
		assertThat(summary.tagsTotal()).isEqualTo(121);
		assertThat(summary.tags()).hasSize(100);
		assertThat(summary.tags().keySet()).startsWith("big", "tag-119", "tag-0", "tag-1", "tag-10");
		assertThat(summary.singletons()).isEmpty();
	}

	@Test
	void badQueryValuesAreRejectedNamingThem() {
		assertRejected(() -> query("0", null, null, null, null, null, null), "limit");
		assertRejected(() -> query("1001", null, null, null, null, null, null), "limit");
		assertRejected(() -> query("ten", null, null, null, null, null, null), "limit");
		assertRejected(() -> query(null, "-1", null, null, null, null, null), "offset");
		assertRejected(() -> query(null, "99999999999", null, null, null, null, null), "offset");
		assertRejected(() -> query(null, null, " ", null, null, null, null), "label");
		assertRejected(() -> query(null, null, null, "", null, null, null), "tag");
		assertRejected(() -> query(null, null, null, null, "a\nb", null, null), "name");
		assertRejected(() -> query(null, null, null, null, "x".repeat(256), null, null), "name");
		assertRejected(() -> query(null, null, null, null, null, "size", null), "sort");
		assertRejected(() -> query(null, null, null, null, null, null, "up"), "order");
	}

	@Test
	void badIdsAreRejectedBeforeTheRuntimeSeesThem() {
		for (String id : List.of("", " ", "\t", "a\u0000b", "\n", "y".repeat(7000))) {
			assertRejected(() -> this.endpoint.detail("tags", id), "tag");
			assertRejected(() -> this.endpoint.detail("names", id), "name");
			assertRejected(() -> this.endpoint.kill("tags", id), "tag");
			assertRejected(() -> this.endpoint.detail("processes", id), "pid");
			assertRejected(() -> this.endpoint.kill("processes", id), "pid");
		}
		assertThat(this.endpoint.detail("names", "x".repeat(255))).isNull();
	}

	@Test
	void messagesQuoteAtMostAShortEscapedPartOfTheValue() {
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> this.endpoint.detail("processes", "bad\r\n" + "z".repeat(200)))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("bad\\u000d\\u000a").doesNotContain("\n")
				.hasSizeLessThan(120));
	}

	@ParameterizedTest
	@ValueSource(strings = { "pid", "age", "label" })
	void aRepeatedPageShowsSpawnsAndExitsAtOnce(String sort) {
		List<Pid> pids = spawn(3, "worker", "none");
		assertThat(pids(query("50", null, null, null, null, sort, null))).containsExactlyInAnyOrderElementsOf(text(pids));
		pids.addAll(spawn(1, "worker", "none"));
		assertThat(pids(query("50", null, null, null, null, sort, null))).containsExactlyInAnyOrderElementsOf(text(pids));
		long finished = this.runtime.finished();
		this.runtime.kill(pids.get(0));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.runtime.finished() > finished);
		assertThat(page(query("50", null, null, null, null, sort, null)).total()).isEqualTo(3);
		assertThat(pids(query("50", null, null, null, null, sort, null)))
			.containsExactlyInAnyOrderElementsOf(text(pids.subList(1, 4)));
	}

	@Test
	void aRelabeledProcessMovesBetweenLabelFiltersAtOnce() {
		List<Pid> pids = spawn(2, "alpha", "none");
		assertThat(pids(query(null, null, "alpha", null, null, null, null))).containsExactlyElementsOf(text(pids));
		assertThat(pids(query(null, null, "bravo", null, null, null, null))).isEmpty();
		this.runtime.setLabel(pids.get(0), "bravo");
		assertThat(pids(query(null, null, "alpha", null, null, null, null))).containsExactly(pids.get(1).toString());
		assertThat(pids(query(null, null, "bravo", null, null, null, null))).containsExactly(pids.get(0).toString());
	}

	@Test
	void aRepeatedPageShowsCurrentMailboxDepths() {
		Pid pid = spawn(1, "worker", "none").get(0);
		assertThat(page(query(null, null, null, null, null, null, null)).processes().get(0).mailboxDepth()).isZero();
		this.runtime.send(pid, "one");
		this.runtime.send(pid, "two");
		assertThat(page(query(null, null, null, null, null, null, null)).processes().get(0).mailboxDepth())
			.isEqualTo(2);
	}

	private void assertRejected(Runnable call, String named) {
		assertThatExceptionOfType(InvalidEndpointRequestException.class).isThrownBy(call::run)
			.withMessageContaining(named);
	}

	private ProcessQuery query(String limit, String offset, String label, String tag, String name, String sort,
			String order) {
		return ProcessQuery.parse(limit, offset, label, tag, name, sort, order);
	}

	private ProcessPageDescriptor page(ProcessQuery query) {
		return (ProcessPageDescriptor) this.endpoint.section("processes", Integer.toString(query.limit()),
				Integer.toString(query.offset()), query.label(), query.tag(), query.name(), query.sort().key(),
				query.descending() ? "desc" : "asc");
	}

	private List<String> pids(ProcessQuery query) {
		return page(query).processes().stream().map(ProcessDescriptor::pid).toList();
	}

	private List<Pid> spawn(int count, String label, String tag) {
		List<Pid> pids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			pids.add(this.runtime.spawn(SpawnOptions.builder().label(label).tags(tag).build(),
					(ctx) -> this.release.await()).pid());
		}
		return pids;
	}

	private static List<String> text(List<Pid> pids) {
		return pids.stream().map(Pid::toString).toList();
	}

	private static String[] text(Pid... pids) {
		return text(List.of(pids)).toArray(String[]::new);
	}

}
