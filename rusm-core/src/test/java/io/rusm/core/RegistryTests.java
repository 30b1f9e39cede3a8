package io.rusm.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.rusm.core.ProcessHandle;
import io.rusm.core.Runtime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static io.rusm.core.ProcessProbes.parked;
import static io.rusm.core.OpenRuntimes.PARKED;
import static io.rusm.core.ProcessProbes.eventually;
import static io.rusm.core.ProcessProbes.ended;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.entry;

/**
 * The name registry: register, whereis, unregister, sendNamed, registered, whereisOrSpawn, and the
 * release of names on every exit path.
 */
class RegistryTests {

	private static final int CALLERS = 64;

	private final OpenRuntimes runtimes = new OpenRuntimes();

	@AfterEach
	void closeRuntimes() {
		this.runtimes.close();
	}

	// seed: register_whereis_send_named_then_auto_release_on_exit
	@Test
	void registeredNameReachesTheProcessAndIsReleasedWhenItExits() throws Exception {
		Runtime runtime = this.runtimes.create();
		CompletableFuture<Object> job = new CompletableFuture<>();
		ProcessHandle worker = runtime.spawn((ctx) -> job.complete(ctx.receive()));

		assertThat(runtime.register("worker", worker.pid())).isTrue();
		assertThat(runtime.whereis("worker")).contains(worker.pid());
		assertThat(runtime.register("worker", worker.pid())).as("a taken name").isFalse();
		assertThat(runtime.sendNamed("worker", "job")).isTrue();
		assertThat(job.get(10, TimeUnit.SECONDS)).isEqualTo("job");

		assertThat(ended(worker)).isEqualTo(ExitReason.NORMAL);
		assertThat(runtime.whereis("worker")).isEmpty();
		assertThat(runtime.sendNamed("worker", "late")).isFalse();
		assertThat(runtime.registered()).isEmpty();
	}

	// seed: names_are_released_by_unregister_and_reusable_after_death
	@Test
	void namesAreReleasedByUnregisterAndReusableAfterDeath() throws Exception {
		Runtime runtime = this.runtimes.create();
		ProcessHandle a = runtime.spawn(PARKED);
		assertThat(runtime.register("svc", a.pid())).isTrue();
		assertThat(runtime.unregister("svc")).isTrue();
		assertThat(runtime.whereis("svc")).isEmpty();
		assertThat(runtime.info(a.pid()).orElseThrow().names()).isEmpty();
		assertThat(runtime.unregister("svc")).as("already gone").isFalse();

		assertThat(runtime.register("svc", a.pid())).isTrue();
		a.kill();
		assertThat(ended(a)).isEqualTo(ExitReason.KILLED);
		assertThat(runtime.whereis("svc")).isEmpty();

		ProcessHandle b = runtime.spawn(PARKED);
		assertThat(runtime.register("svc", b.pid())).as("a dead process's name is reusable").isTrue();
		assertThat(runtime.whereis("svc")).contains(b.pid());
	}

	// seed: register_to_a_dead_pid_fails_and_a_pid_can_hold_several_names
	@Test
	void aDeadPidCannotRegisterAndAPidCanHoldSeveralNames() throws Exception {
		Runtime runtime = this.runtimes.create();
		ProcessHandle dead = runtime.spawn((ctx) -> {
		});
		ended(dead);
		assertThat(runtime.register("ghost", dead.pid())).isFalse();
		assertThat(runtime.whereis("ghost")).isEmpty();

		ProcessHandle p = runtime.spawn(PARKED);
		assertThat(runtime.register("one", p.pid())).isTrue();
		assertThat(runtime.register("two", p.pid())).isTrue();
		assertThat(runtime.whereis("one")).contains(p.pid());
		assertThat(runtime.whereis("two")).contains(p.pid());
		assertThat(runtime.info(p.pid()).orElseThrow().names()).containsExactlyInAnyOrder("one", "two");

		p.kill();
		ended(p);
		assertThat(runtime.whereis("one")).as("all of a pid's names go on exit").isEmpty();
		assertThat(runtime.whereis("two")).isEmpty();
	}

	@Test
	void aProcessKeepsItsNamesWhileOtherRelationsComeAndGo() throws Exception {
		Runtime runtime = this.runtimes.create();
		ProcessHandle p = runtime.spawn(PARKED);
		ProcessHandle peer = runtime.spawn(PARKED);
		assertThat(runtime.register("first", p.pid())).isTrue();
		assertThat(runtime.info(p.pid()).orElseThrow().names()).containsExactly("first");

		runtime.link(p.pid(), peer.pid());
		runtime.monitor(peer.pid(), p.pid());
		assertThat(runtime.info(p.pid()).orElseThrow().names()).as("after a link and a monitor").containsExactly("first");
		assertThat(runtime.register("second", p.pid())).isTrue();
		assertThat(runtime.unregister("first")).isTrue();
		assertThat(runtime.info(p.pid()).orElseThrow().names()).containsExactly("second");

		ProcessHandle lone = runtime.spawn(PARKED);
		assertThat(runtime.register("lone", lone.pid())).isTrue();
		assertThat(runtime.unregister("lone")).isTrue();
		assertThat(runtime.info(lone.pid()).orElseThrow().names()).isEmpty();
		assertThat(runtime.register("lone", lone.pid())).isTrue();
		assertThat(runtime.register("also", lone.pid())).isTrue();
		assertThat(runtime.unregister("lone")).isTrue();
		assertThat(runtime.info(lone.pid()).orElseThrow().names()).containsExactly("also");

		p.kill();
		lone.kill();
		ended(p);
		ended(lone);
		assertThat(runtime.registered()).as("every name goes on exit, however it was kept").isEmpty();
	}

	@Test
	void registeredListsEveryNameWithItsHolderSortedByName() throws Exception {
		Runtime runtime = this.runtimes.create();
		ProcessHandle a = runtime.spawn(PARKED);
		ProcessHandle b = runtime.spawn(PARKED);
		runtime.register("zeta", a.pid());
		runtime.register("alpha", b.pid());
		runtime.register("mid", a.pid());

		assertThat(runtime.registered()).containsExactly(entry("alpha", b.pid()),
				entry("mid", a.pid()),
				entry("zeta", a.pid()));

		a.kill();
		ended(a);
		assertThat(runtime.registered()).containsOnlyKeys("alpha");
	}

	@Test
	void aProcessCanRegisterItselfThroughItsContext() throws Exception {
		Runtime runtime = this.runtimes.create();
		CompletableFuture<Boolean> second = new CompletableFuture<>();
		ProcessHandle p = runtime.spawn((ctx) -> {
			ctx.register("me");
			second.complete(ctx.register("me"));
			parked().run(ctx);
		});
		assertThat(second.get(10, TimeUnit.SECONDS)).as("registering a held name again").isFalse();
		assertThat(runtime.whereis("me")).contains(p.pid());
	}

	@Test
	void aNameGivenInSpawnOptionsIsHeldBeforeTheBodyRuns() throws Exception {
		Runtime runtime = this.runtimes.create();
		CompletableFuture<Object> seen = new CompletableFuture<>();
		ProcessHandle p = runtime.spawn(SpawnOptions.builder().name("early").build(),
				(ctx) -> seen.complete(ctx.runtime().whereis("early")));
		assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo(Optional.of(p.pid()));
		ended(p);
		assertThat(runtime.whereis("early")).isEmpty();
	}

	// seed: whereis_or_spawn_returns_the_incumbent_without_spawning
	@Test
	void whereisOrSpawnReturnsTheIncumbentWithoutSpawning() {
		Runtime runtime = this.runtimes.create();
		Pid first = runtime.whereisOrSpawn("svc", PARKED);
		long before = runtime.spawned();
		Pid again = runtime.whereisOrSpawn("svc", PARKED);
		assertThat(again).as("the already registered pid").isEqualTo(first);
		assertThat(runtime.spawned()).as("nothing spawned when the name is taken").isEqualTo(before);
		assertThat(runtime.whereis("svc")).contains(first);
	}

	// seed: whereis_or_spawn_is_race_free_and_kills_the_loser (ours goes further: losers never run)
	@RepeatedTest(40)
	void whereisOrSpawnHasExactlyOneWinnerAndLosersNeverRun() throws Exception {
		Runtime runtime = this.runtimes.create();
		AtomicInteger bodyEntries = new AtomicInteger();
		ProcessBody singleton = (ctx) -> {
			bodyEntries.incrementAndGet();
			parked().run(ctx);
		};
		Set<Pid> answers = new HashSet<>(raceForSingleton(runtime, singleton, () -> {
		}));

		assertThat(answers).as("every caller gets the same pid").hasSize(1);
		Pid winner = answers.iterator().next();
		assertThat(runtime.whereis("singleton")).contains(winner);
		assertThat(runtime.spawned()).as("only the winner was spawned").isEqualTo(1);
		assertThat(runtime.processCount()).isEqualTo(1);
		assertThat(runtime.list()).containsExactly(winner);
		eventually().until(() -> bodyEntries.get() >= 1);
		assertThat(bodyEntries).as("exactly one body ever ran").hasValue(1);
	}

	@RepeatedTest(20)
	void whoeverFindsASpawnedProcessByNameFindsItsTagsAndLinkInPlace() throws Exception {
		Runtime runtime = this.runtimes.create();
		ProcessHandle parent = runtime.spawn(PARKED);
		int count = 1000;
		CountDownLatch watching = new CountDownLatch(1);
		CompletableFuture<List<ProcessInfo>> seen = CompletableFuture.supplyAsync(() -> {
			List<ProcessInfo> infos = new ArrayList<>();
			watching.countDown();
			for (int i = 0; i < count; i++) {
				Optional<Pid> found;
				do {
					found = runtime.whereis("svc-" + i);
				}
				while (found.isEmpty());
				infos.add(runtime.info(found.get()).orElseThrow());
			}
			return infos;
		});
		assertThat(watching.await(10, TimeUnit.SECONDS)).isTrue();

		for (int i = 0; i < count; i++) {
			runtime.spawn(SpawnOptions.builder().name("svc-" + i).tags("group").linkTo(parent.pid()).build(), PARKED);
		}

		assertThat(seen.get(10, TimeUnit.SECONDS)).allSatisfy((info) -> {
			assertThat(info.tags()).containsExactly("group");
			assertThat(info.links()).containsExactly(parent.pid());
		});
	}

	@Test
	void whereisOrSpawnStartsAFreshProcessOnceTheIncumbentDied() throws Exception {
		Runtime runtime = this.runtimes.create();
		Pid first = runtime.whereisOrSpawn("svc", PARKED);
		assertThat(runtime.kill(first)).isTrue();
		eventually().until(() -> !runtime.isAlive(first));

		Pid second = runtime.whereisOrSpawn("svc", PARKED);
		assertThat(second).isNotEqualTo(first);
		assertThat(runtime.whereis("svc")).contains(second);
		assertThat(runtime.isAlive(second)).isTrue();
	}

	@RepeatedTest(20)
	void callersRacingTheDeathOfTheIncumbentAgreeOnOneReplacement() throws Exception {
		Runtime runtime = this.runtimes.create();
		AtomicInteger bodyEntries = new AtomicInteger();
		ProcessBody singleton = (ctx) -> {
			bodyEntries.incrementAndGet();
			parked().run(ctx);
		};
		Pid incumbent = runtime.whereisOrSpawn("singleton", singleton);
		eventually().until(() -> bodyEntries.get() == 1);
		Set<Pid> replacements = new HashSet<>(raceForSingleton(runtime, singleton, () -> runtime.kill(incumbent)));
		replacements.remove(incumbent);

		// A caller that looked before the kill landed rightly got the incumbent; all others
		// share one replacement, and at most one process was spawned after the incumbent.
		assertThat(replacements).hasSizeLessThanOrEqualTo(1);
		assertThat(runtime.spawned()).isEqualTo(1 + replacements.size());
		eventually().until(() -> !runtime.isAlive(incumbent) && bodyEntries.get() == runtime.spawned());
		assertThat(runtime.list()).containsExactlyElementsOf(replacements);
		assertThat(runtime.whereis("singleton")).isEqualTo(replacements.stream().findFirst());
	}

	@RepeatedTest(10)
	void namesNeverPointAtADeadPidOnceTeardownRan() throws Exception {
		Runtime runtime = this.runtimes.create();
		int count = 300;
		List<ProcessHandle> handles = new ArrayList<>();
		CountDownLatch go = new CountDownLatch(1);
		for (int i = 0; i < count; i++) {
			String name = "self-" + i;
			int ending = i % 3;
			handles.add(runtime.spawn((ctx) -> {
				ctx.register(name);
				go.await();
				switch (ending) {
					case 0 -> {
					}
					case 1 -> throw new IllegalStateException("crash");
					default -> ctx.sleep(Duration.ofDays(1));
				}
			}));
		}
		// Race the exits: release the bodies, kill a third of them, and register more names
		// for every process while they are ending.
		go.countDown();
		for (int i = 0; i < count; i++) {
			ProcessHandle handle = handles.get(i);
			if (i % 3 == 2) {
				handle.kill();
			}
			runtime.register("outside-" + i, handle.pid());
		}
		for (ProcessHandle handle : handles) {
			ended(handle);
		}

		assertThat(runtime.registered()).isEmpty();
		for (int i = 0; i < count; i++) {
			assertThat(runtime.whereis("self-" + i)).isEmpty();
			assertThat(runtime.whereis("outside-" + i)).isEmpty();
		}
		assertThat(runtime.sendNamed("outside-0", "late")).isFalse();
	}

	@Test
	void badNamesAreRejectedClearlyAndTheRuntimeStaysUsable() {
		Runtime runtime = this.runtimes.create();
		Pid pid = runtime.spawn(PARKED).pid();

		assertThatNullPointerException().isThrownBy(() -> runtime.register(null, pid)).withMessage("name");
		assertThatNullPointerException().isThrownBy(() -> runtime.register("x", null)).withMessage("pid");
		assertThatIllegalArgumentException().isThrownBy(() -> runtime.register(" ", pid))
			.withMessageContaining("name must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> runtime.register("", pid))
			.withMessageContaining("name must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> runtime.whereisOrSpawn(" ", PARKED))
			.withMessageContaining("name must not be blank");
		assertThatNullPointerException().isThrownBy(() -> runtime.whereisOrSpawn(null, PARKED));
		assertThatIllegalArgumentException().isThrownBy(() -> SpawnOptions.builder().name("\t"))
			.withMessageContaining("name must not be blank");
		assertThatNullPointerException().isThrownBy(() -> runtime.whereis(null)).withMessage("name");
		assertThatIllegalArgumentException().isThrownBy(() -> runtime.whereis(" "))
			.withMessageContaining("name must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> runtime.unregister(""))
			.withMessageContaining("name must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> runtime.sendNamed(" ", "hi"))
			.withMessageContaining("name must not be blank");
		assertThatNullPointerException().isThrownBy(() -> runtime.sendNamed("x", null)).withMessage("message");

		assertThat(runtime.registered()).isEmpty();
		assertThat(runtime.register("fine", pid)).isTrue();
		assertThat(runtime.whereis("fine")).contains(pid);
		assertThat(runtime.spawn(PARKED).pid()).isNotNull();
	}


	/**
	 * Has {@link #CALLERS} threads, released together by a latch, call
	 * {@code whereisOrSpawn("singleton", body)}; runs {@code duringRace} right after releasing them.
	 * @return every caller's answer
	 */
	private static List<Pid> raceForSingleton(Runtime runtime, ProcessBody body, Runnable duringRace)
			throws Exception {
		CountDownLatch ready = new CountDownLatch(CALLERS);
		CountDownLatch go = new CountDownLatch(1);
		List<Future<Pid>> calls = new ArrayList<>();
		try (ExecutorService callers = Executors.newFixedThreadPool(CALLERS)) {
			for (int i = 0; i < CALLERS; i++) {
				calls.add(callers.submit(() -> {
					ready.countDown();
					go.await();
					return runtime.whereisOrSpawn("singleton", body);
				}));
			}
			assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
			go.countDown();
			duringRace.run();
		}
		List<Pid> answers = new ArrayList<>();
		for (Future<Pid> call : calls) {
			answers.add(call.get(10, TimeUnit.SECONDS));
		}
		return answers;
	}

}
