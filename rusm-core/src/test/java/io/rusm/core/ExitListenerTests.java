package io.rusm.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.rusm.core.ProcessHandle;
import io.rusm.core.Runtime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.rusm.core.OpenRuntimes.PARKED;
import static io.rusm.core.ProcessProbes.ended;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link ExitListener}: told about every exit, whatever ended the process.
 */
class ExitListenerTests {

	private final OpenRuntimes runtimes = new OpenRuntimes();

	private final List<ExitEvent> events = new CopyOnWriteArrayList<>();

	@AfterEach
	void closeRuntimes() {
		this.runtimes.close();
	}

	private Map<Pid, ExitEvent> eventsByPid() {
		return this.events.stream().collect(Collectors.toMap(ExitEvent::pid, Function.identity()));
	}

	@Test
	void everyExitIsReportedWithWhatTheProcessHeld() throws Exception {
		Runtime runtime = this.runtimes.build((builder) -> builder.exitListener(this.events::add));
		Instant before = Instant.now().minusMillis(1);
		IllegalStateException boom = new IllegalStateException("boom");
		CountDownLatch go = new CountDownLatch(1);

		ProcessHandle returning = runtime.spawn(SpawnOptions.builder().label("returner").name("r").build(),
				(ctx) -> go.await());
		ProcessHandle crashing = runtime.spawn(SpawnOptions.builder().tags("t1", "t2").build(), (ctx) -> {
			go.await();
			throw boom;
		});
		ProcessHandle killed = runtime.spawn(SpawnOptions.builder().label("victim").tags("t1").build(), PARKED);
		runtime.register("k1", killed.pid());
		runtime.register("k2", killed.pid());

		go.countDown();
		killed.kill();
		assertThat(ended(returning)).isEqualTo(ExitReason.NORMAL);
		assertThat(ended(crashing)).isInstanceOf(ExitReason.Crashed.class);
		assertThat(ended(killed)).isEqualTo(ExitReason.KILLED);
		Instant after = Instant.now().plusMillis(1);

		assertThat(this.events).hasSize(3);
		Map<Pid, ExitEvent> byPid = eventsByPid();

		ExitEvent normal = byPid.get(returning.pid());
		assertThat(normal.reason()).isEqualTo(ExitReason.NORMAL);
		assertThat(normal.label()).isEqualTo("returner");
		assertThat(normal.names()).containsExactly("r");
		assertThat(normal.tags()).isEmpty();

		ExitEvent crash = byPid.get(crashing.pid());
		assertThat(crash.reason()).isInstanceOfSatisfying(ExitReason.Crashed.class,
				(crashed) -> assertThat(crashed.cause()).isSameAs(boom));
		assertThat(crash.label()).isNull();
		assertThat(crash.names()).isEmpty();
		assertThat(crash.tags()).containsExactlyInAnyOrder("t1", "t2");

		ExitEvent kill = byPid.get(killed.pid());
		assertThat(kill.reason()).isEqualTo(ExitReason.KILLED);
		assertThat(kill.label()).isEqualTo("victim");
		assertThat(kill.names()).containsExactlyInAnyOrder("k1", "k2");
		assertThat(kill.tags()).containsExactly("t1");

		for (ExitEvent event : this.events) {
			assertThat(event.startedAt()).isBetween(before, after);
			assertThat(event.exitedAt()).isBetween(before, after);
			assertThat(event.startedAt()).isBeforeOrEqualTo(event.exitedAt());
		}
	}

	@Test
	void aProcessKilledRightAfterItsSpawnIsStillReported() throws Exception {
		Runtime runtime = this.runtimes.build((builder) -> builder.exitListener(this.events::add));
		ProcessHandle spawner = runtime.spawn((ctx) -> {
			ProcessHandle child = ctx.spawn(PARKED);
			ctx.kill(child.pid());
			ended(child);
		});
		ended(spawner);
		assertThat(this.events).extracting(ExitEvent::reason)
			.containsExactlyInAnyOrder(ExitReason.KILLED, ExitReason.NORMAL);
	}

	@Test
	void aFailingListenerDoesNotBreakTeardown() throws Exception {
		Runtime runtime = this.runtimes.build((builder) -> builder.exitListener((event) -> {
			this.events.add(event);
			throw new IllegalStateException("listener bug");
		}));
		ProcessHandle first = runtime.spawn(SpawnOptions.builder().name("first").tags("g").build(), PARKED);
		ProcessHandle second = runtime.spawn(PARKED);
		first.kill();
		second.kill();
		ended(first);
		ended(second);
		assertThat(this.events).hasSize(2);
		assertThat(runtime.processCount()).isZero();
		assertThat(runtime.registered()).isEmpty();
		assertThat(runtime.tagCounts()).isEmpty();
		assertThat(runtime.spawn((ctx) -> {
		}).pid()).isNotNull();
	}


	@Test
	void listenersAddedLaterHearEveryExitUntilRemoved() throws Exception {
		List<ExitEvent> builderEvents = new CopyOnWriteArrayList<>();
		Runtime runtime = this.runtimes.build((builder) -> builder.exitListener(builderEvents::add));
		ExitListener added = this.events::add;
		runtime.addExitListener(added);

		ProcessHandle first = runtime.spawn((ctx) -> {
		});
		assertThat(ended(first)).isEqualTo(ExitReason.NORMAL);
		assertThat(this.events).extracting(ExitEvent::pid).containsExactly(first.pid());
		assertThat(builderEvents).extracting(ExitEvent::pid).containsExactly(first.pid());

		assertThat(runtime.removeExitListener(added)).isTrue();
		assertThat(runtime.removeExitListener(added)).as("removed already").isFalse();
		ProcessHandle second = runtime.spawn((ctx) -> {
		});
		assertThat(ended(second)).isEqualTo(ExitReason.NORMAL);
		assertThat(this.events).extracting(ExitEvent::pid).containsExactly(first.pid());
		assertThat(builderEvents).extracting(ExitEvent::pid).containsExactly(first.pid(), second.pid());
	}

	@Test
	void aRuntimeWithoutAListenerCanBeGivenOne() throws Exception {
		Runtime runtime = this.runtimes.create();
		runtime.addExitListener(this.events::add);
		ProcessHandle crashing = runtime.spawn((ctx) -> {
			throw new IllegalStateException("boom");
		});
		assertThat(ended(crashing)).isInstanceOf(ExitReason.Crashed.class);
		assertThat(this.events).singleElement().satisfies((event) -> {
			assertThat(event.pid()).isEqualTo(crashing.pid());
			assertThat(event.reason()).isInstanceOf(ExitReason.Crashed.class);
		});
	}
}
