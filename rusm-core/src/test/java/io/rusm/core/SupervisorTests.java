package io.rusm.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.rusm.core.ProcessHandle;
import io.rusm.core.Runtime;
import io.rusm.core.Supervisor.ChildStatus;

import static io.rusm.core.ProcessProbes.closeCleanly;
import static io.rusm.core.ProcessProbes.ended;
import static io.rusm.core.ProcessProbes.eventually;
import static io.rusm.core.ProcessProbes.next;
import static io.rusm.core.ProcessProbes.parked;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Supervisors: strategies, restart types, restart intensity, and the order children stop in.
 */
class SupervisorTests {

	private final Runtime runtime = Runtime.create();

	/** Child ids in the order their bodies started. */
	private final BlockingQueue<String> starts = new LinkedBlockingQueue<>();

	/** Child ids in the order trapping children were told to stop. */
	private final BlockingQueue<String> stops = new LinkedBlockingQueue<>();

	@AfterEach
	void closeRuntime() {
		closeCleanly(this.runtime);
	}

	// ------------------------------------------------------------------ starting

	@Test
	void startsChildrenInOrderLinkedToItself() throws Exception {
		Supervisor supervisor = Supervisor.builder()
			.child(child("a"))
			.child(child("b"))
			.child(child("c"))
			.build();
		ProcessHandle handle = supervisor.start(this.runtime);
		Map<String, Pid> pids = awaitRunning(supervisor, "a", "b", "c");
		assertThat(takeStarts(3)).containsExactlyInAnyOrder("a", "b", "c");
		assertThat(List.copyOf(pids.values())).as("spawned in order").isSorted();
		assertThat(supervisor.children()).extracting(ChildStatus::id).containsExactly("a", "b", "c");
		assertThat(supervisor.children()).allSatisfy((status) -> {
			assertThat(status.restarts()).isZero();
			assertThat(status.lastExit()).isNull();
			assertThat(this.runtime.isAlive(status.pid())).isTrue();
			assertThat(this.runtime.info(status.pid()).orElseThrow().links()).containsExactly(handle.pid());
		});
		assertThat(this.runtime.info(handle.pid()).orElseThrow().links()).containsExactlyInAnyOrderElementsOf(pids.values());
		assertThat(this.runtime.info(handle.pid()).orElseThrow().trapExit()).isTrue();
		assertThat(supervisor.exitReason()).isEmpty();
	}

	@Test
	void aFactoryGivesEveryStartAFreshBody() throws Exception {
		AtomicInteger made = new AtomicInteger();
		Supervisor supervisor = Supervisor.builder().child(ChildSpec.builder("a", () -> {
			made.incrementAndGet();
			return worker("a");
		}).build()).build();
		supervisor.start(this.runtime);
		Pid first = awaitRunning(supervisor, "a").get("a");
		crash(first);
		awaitRestarts(supervisor, "a", 1);
		assertThat(made.get()).isEqualTo(2);
	}

	// ------------------------------------------------------------------ strategies

	@Test
	void oneForOneRestartsOnlyTheChildThatEnded() throws Exception {
		Supervisor supervisor = Supervisor.builder()
			.strategy(Strategy.ONE_FOR_ONE)
			.child(child("a"))
			.child(child("b"))
			.child(child("c"))
			.build();
		supervisor.start(this.runtime);
		Map<String, Pid> before = awaitRunning(supervisor, "a", "b", "c");
		crash(before.get("b"));
		Map<String, Pid> after = awaitRestarts(supervisor, "b", 1);
		assertThat(changed(before, after)).containsExactly("b");
		assertThat(this.runtime.isAlive(before.get("b"))).isFalse();
		assertThat(after.values()).allMatch(this.runtime::isAlive);
		assertThat(status(supervisor, "a").restarts()).isZero();
		assertThat(status(supervisor, "c").restarts()).isZero();
		assertThat(status(supervisor, "b").lastExit()).isInstanceOfSatisfying(ExitReason.Crashed.class,
				(crashed) -> assertThat(crashed.cause()).hasMessage("b crashed"));
		assertThat(takeStarts(4)).containsExactlyInAnyOrder("a", "b", "c", "b");
	}

	@Test
	void oneForAllRestartsEveryChildStoppingTheOthersInReverseStartOrder() throws Exception {
		Supervisor supervisor = Supervisor.builder()
			.strategy(Strategy.ONE_FOR_ALL)
			.child(child("a"))
			.child(child("b"))
			.child(child("c"))
			.build();
		supervisor.start(this.runtime);
		Map<String, Pid> before = awaitRunning(supervisor, "a", "b", "c");
		BlockingQueue<Object> downs = downsOf(before.values());
		crash(before.get("b"));
		Map<String, Pid> after = awaitRestarts(supervisor, "b", 1);
		assertThat(changed(before, after)).containsExactly("a", "b", "c");
		assertThat(before.values()).noneMatch(this.runtime::isAlive);
		assertThat(after.values()).allMatch(this.runtime::isAlive);
		assertThat(downOrder(downs, 3)).containsExactly(before.get("b"), before.get("c"), before.get("a"));
		assertThat(takeStarts(6)).containsExactlyInAnyOrder("a", "b", "c", "a", "b", "c");
		assertThat(List.copyOf(after.values())).as("restarted in start order").isSorted();
		assertThat(after.get("a")).isGreaterThan(before.get("c"));
		assertThat(supervisor.children()).extracting(ChildStatus::restarts).containsExactly(1, 1, 1);
	}

	@Test
	void restForOneRestartsTheChildAndThoseStartedAfterIt() throws Exception {
		Supervisor supervisor = Supervisor.builder()
			.strategy(Strategy.REST_FOR_ONE)
			.child(child("a"))
			.child(child("b"))
			.child(child("c"))
			.child(child("d"))
			.build();
		supervisor.start(this.runtime);
		Map<String, Pid> before = awaitRunning(supervisor, "a", "b", "c", "d");
		BlockingQueue<Object> downs = downsOf(before.values());
		crash(before.get("b"));
		Map<String, Pid> after = awaitRestarts(supervisor, "b", 1);
		assertThat(changed(before, after)).containsExactly("b", "c", "d");
		assertThat(this.runtime.isAlive(before.get("a"))).isTrue();
		assertThat(downOrder(downs, 3)).containsExactly(before.get("b"), before.get("d"), before.get("c"));
		assertThat(takeStarts(7)).containsExactlyInAnyOrder("a", "b", "c", "d", "b", "c", "d");
		assertThat(List.copyOf(after.values())).as("restarted in start order").isSorted();
		assertThat(supervisor.children()).extracting(ChildStatus::restarts).containsExactly(0, 1, 1, 1);
	}

	@Test
	void restForOneWhenTheLastChildEndsRestartsOnlyIt() throws Exception {
		Supervisor supervisor = Supervisor.builder()
			.strategy(Strategy.REST_FOR_ONE)
			.child(child("a"))
			.child(child("b"))
			.build();
		supervisor.start(this.runtime);
		Map<String, Pid> before = awaitRunning(supervisor, "a", "b");
		crash(before.get("b"));
		assertThat(changed(before, awaitRestarts(supervisor, "b", 1))).containsExactly("b");
	}

	// ------------------------------------------------------------------ restart types

	@Test
	void aPermanentChildIsRestartedEvenAfterANormalExit() throws Exception {
		Supervisor supervisor = Supervisor.builder().child(child("a", Restart.PERMANENT)).build();
		supervisor.start(this.runtime);
		Pid before = awaitRunning(supervisor, "a").get("a");
		this.runtime.send(before, "stop");
		Pid after = awaitRestarts(supervisor, "a", 1).get("a");
		assertThat(after).isNotEqualTo(before);
		assertThat(status(supervisor, "a").lastExit()).isEqualTo(ExitReason.NORMAL);
	}

	@Test
	void aTransientChildIsRestartedOnlyAfterAnAbnormalExit() throws Exception {
		Supervisor supervisor = Supervisor.builder()
			.child(child("normal", Restart.TRANSIENT))
			.child(child("shutdown", Restart.TRANSIENT))
			.child(child("crashed", Restart.TRANSIENT))
			.child(child("killed", Restart.TRANSIENT))
			.build();
		supervisor.start(this.runtime);
		Map<String, Pid> before = awaitRunning(supervisor, "normal", "shutdown", "crashed", "killed");
		this.runtime.send(before.get("normal"), "stop");
		this.runtime.exit(before.get("shutdown"), ExitReason.SHUTDOWN);
		crash(before.get("crashed"));
		this.runtime.kill(before.get("killed"));

		awaitRestarts(supervisor, "crashed", 1);
		awaitRestarts(supervisor, "killed", 1);
		awaitStopped(supervisor, "normal");
		awaitStopped(supervisor, "shutdown");
		assertThat(status(supervisor, "normal")).isEqualTo(new ChildStatus("normal", null, 0, ExitReason.NORMAL));
		assertThat(status(supervisor, "shutdown")).isEqualTo(new ChildStatus("shutdown", null, 0, ExitReason.SHUTDOWN));
		assertThat(status(supervisor, "killed").lastExit()).isEqualTo(ExitReason.KILLED);
		assertThat(status(supervisor, "crashed").pid()).isNotEqualTo(before.get("crashed"));
	}

	@Test
	void aTemporaryChildIsNeverRestarted() throws Exception {
		Supervisor supervisor = Supervisor.builder()
			.child(child("crashes", Restart.TEMPORARY))
			.child(child("returns", Restart.TEMPORARY))
			.child(child("stays"))
			.build();
		supervisor.start(this.runtime);
		Map<String, Pid> before = awaitRunning(supervisor, "crashes", "returns", "stays");
		crash(before.get("crashes"));
		this.runtime.send(before.get("returns"), "stop");
		awaitStopped(supervisor, "crashes");
		awaitStopped(supervisor, "returns");
		assertThat(status(supervisor, "crashes").lastExit()).isInstanceOf(ExitReason.Crashed.class);
		assertThat(status(supervisor, "crashes").restarts()).isZero();
		assertThat(status(supervisor, "returns").lastExit()).isEqualTo(ExitReason.NORMAL);
		assertThat(status(supervisor, "stays").pid()).isEqualTo(before.get("stays"));
		assertThat(takeStarts(3)).containsExactlyInAnyOrder("crashes", "returns", "stays");
	}

	@Test
	void oneForAllStopsButDoesNotRestartATemporarySibling() throws Exception {
		Supervisor supervisor = Supervisor.builder()
			.strategy(Strategy.ONE_FOR_ALL)
			.child(child("temporary", Restart.TEMPORARY))
			.child(child("permanent"))
			.build();
		supervisor.start(this.runtime);
		Map<String, Pid> before = awaitRunning(supervisor, "temporary", "permanent");
		crash(before.get("permanent"));
		awaitRestarts(supervisor, "permanent", 1);
		assertThat(this.runtime.isAlive(before.get("temporary"))).isFalse();
		assertThat(status(supervisor, "temporary").pid()).isNull();
		assertThat(status(supervisor, "temporary").lastExit()).isEqualTo(ExitReason.SHUTDOWN);
		assertThat(takeStarts(3)).containsExactlyInAnyOrder("temporary", "permanent", "permanent");
	}

	// ------------------------------------------------------------------ restart intensity

	@Test
	void restartsWithinTheIntensityKeepTheSupervisorRunning() throws Exception {
		Supervisor supervisor = Supervisor.builder()
			.intensity(3, Duration.ofMinutes(1))
			.child(child("a"))
			.build();
		ProcessHandle handle = supervisor.start(this.runtime);
		Pid pid = awaitRunning(supervisor, "a").get("a");
		for (int restart = 1; restart <= 3; restart++) {
			crash(pid);
			pid = awaitRestarts(supervisor, "a", restart).get("a");
		}
		assertThat(this.runtime.isAlive(handle.pid())).isTrue();
		assertThat(this.runtime.isAlive(pid)).isTrue();
	}

	@Test
	void pastItsRestartIntensityTheSupervisorStopsItsChildrenAndExitsCrashed() throws Exception {
		Supervisor supervisor = Supervisor.builder()
			.intensity(2, Duration.ofMinutes(1))
			.child(child("a"))
			.child(child("b"))
			.child(child("c"))
			.build();
		ProcessHandle handle = supervisor.start(this.runtime);
		Pid b = awaitRunning(supervisor, "a", "b", "c").get("b");
		for (int restart = 1; restart <= 2; restart++) {
			crash(b);
			b = awaitRestarts(supervisor, "b", restart).get("b");
		}
		Map<String, Pid> last = pids(supervisor);
		BlockingQueue<Object> downs = downsOf(last.values());
		crash(b);

		ExitReason reason = ended(handle);
		assertThat(reason).isInstanceOfSatisfying(ExitReason.Crashed.class, (crashed) -> {
			assertThat(crashed.cause()).isInstanceOfSatisfying(RestartIntensityExceededException.class, (ex) -> {
				assertThat(ex.getChildId()).isEqualTo("b");
				assertThat(ex.getLastExit()).isInstanceOf(ExitReason.Crashed.class);
				assertThat(ex.getCause()).hasMessage("b crashed");
			});
		});
		assertThat(supervisor.exitReason()).contains(reason);
		assertThat(last.values()).noneMatch(this.runtime::isAlive);
		// the one that crashed, then the others in reverse start order
		assertThat(downOrder(downs, 3)).containsExactly(last.get("b"), last.get("c"), last.get("a"));
		assertThat(supervisor.children()).extracting(ChildStatus::pid).containsOnlyNulls();
	}

	@Test
	void aChildThatEndsAtOnceEveryTimeExhaustsTheIntensity() throws Exception {
		AtomicInteger runs = new AtomicInteger();
		Supervisor supervisor = Supervisor.builder()
			.intensity(3, Duration.ofMinutes(1))
			.child(ChildSpec.builder("doomed", (ctx) -> {
				runs.incrementAndGet();
				throw new IllegalStateException("cannot start");
			}).build())
			.build();
		ProcessHandle handle = supervisor.start(this.runtime);
		assertThat(ended(handle)).isInstanceOfSatisfying(ExitReason.Crashed.class,
				(crashed) -> assertThat(crashed.cause()).isInstanceOf(RestartIntensityExceededException.class));
		assertThat(runs.get()).as("the first start and three restarts").isEqualTo(4);
	}

	@Test
	void zeroRestartsMeansTheFirstExitThatNeedsARestartEndsTheSupervisor() throws Exception {
		Supervisor supervisor = Supervisor.builder()
			.intensity(0, Duration.ofSeconds(1))
			.child(child("temporary", Restart.TEMPORARY))
			.child(child("a"))
			.build();
		ProcessHandle handle = supervisor.start(this.runtime);
		Map<String, Pid> pids = awaitRunning(supervisor, "temporary", "a");
		crash(pids.get("temporary"));
		awaitStopped(supervisor, "temporary");
		assertThat(this.runtime.isAlive(handle.pid())).as("a temporary child needs no restart").isTrue();
		crash(pids.get("a"));
		assertThat(ended(handle)).isInstanceOf(ExitReason.Crashed.class);
	}

	@Test
	void restartsOlderThanTheIntensityPeriodNoLongerCount() throws Exception {
		ManualClock clock = new ManualClock();
		Runtime timed = Runtime.builder().clock(clock).build();
		try {
			Duration period = Duration.ofMinutes(1);
			Supervisor supervisor = Supervisor.builder().intensity(1, period).child(child("a")).build();
			ProcessHandle handle = supervisor.start(timed);
			Pid pid = awaitRunning(supervisor, "a").get("a");
			crash(timed, pid);
			pid = awaitRestarts(supervisor, "a", 1).get("a");
			clock.advance(period.plusNanos(1));
			crash(timed, pid);
			awaitRestarts(supervisor, "a", 2);
			assertThat(timed.isAlive(handle.pid())).isTrue();
		}
		finally {
			closeCleanly(timed);
		}
	}

	@Test
	void theIntensityPeriodIsMeasuredOnTheRuntimesClock() throws Exception {
		ManualClock clock = new ManualClock();
		Runtime timed = Runtime.builder().clock(clock).build();
		try {
			// a period far shorter than the real time between the two crashes: only the clock counts
			Supervisor supervisor = Supervisor.builder().intensity(1, Duration.ofNanos(1)).child(child("a")).build();
			ProcessHandle handle = supervisor.start(timed);
			Pid pid = awaitRunning(supervisor, "a").get("a");
			crash(timed, pid);
			pid = awaitRestarts(supervisor, "a", 1).get("a");
			crash(timed, pid);
			assertThat(ended(handle)).isInstanceOfSatisfying(ExitReason.Crashed.class,
					(crashed) -> assertThat(crashed.cause()).isInstanceOf(RestartIntensityExceededException.class));
		}
		finally {
			closeCleanly(timed);
		}
	}

	// ------------------------------------------------------------------ stopping

	@Test
	void childrenAreStoppedInReverseStartOrderWhenTheSupervisorStops() throws Exception {
		SpawnOptions trapping = SpawnOptions.builder().trapExit(true).build();
		Supervisor supervisor = Supervisor.builder()
			.child(child("a", Restart.PERMANENT, trapping))
			.child(child("b", Restart.PERMANENT, trapping))
			.child(child("c", Restart.PERMANENT, trapping))
			.build();
		ProcessHandle parent = this.runtime.spawn(parked());
		ProcessHandle handle = this.runtime
			.spawn(SpawnOptions.builder().trapExit(true).linkTo(parent.pid()).build(), supervisor);
		Map<String, Pid> pids = awaitRunning(supervisor, "a", "b", "c");

		this.runtime.exit(parent.pid(), ExitReason.SHUTDOWN);

		assertThat(ended(handle)).isEqualTo(ExitReason.SHUTDOWN);
		assertThat(supervisor.exitReason()).contains(ExitReason.SHUTDOWN);
		assertThat(drain(this.stops)).containsExactly("c", "b", "a");
		assertThat(pids.values()).noneMatch(this.runtime::isAlive);
	}

	@Test
	void childrenThatDoNotTrapExitsAreAlsoStoppedInReverseStartOrder() throws Exception {
		Supervisor supervisor = Supervisor.builder()
			.child(child("a"))
			.child(child("b"))
			.child(child("c"))
			.build();
		ProcessHandle parent = this.runtime.spawn(parked());
		ProcessHandle handle = this.runtime
			.spawn(SpawnOptions.builder().trapExit(true).linkTo(parent.pid()).build(), supervisor);
		Map<String, Pid> pids = awaitRunning(supervisor, "a", "b", "c");
		BlockingQueue<Object> downs = downsOf(pids.values());

		this.runtime.exit(parent.pid(), ExitReason.crashed(new IllegalStateException("parent failed")));

		assertThat(ended(handle)).isInstanceOf(ExitReason.Crashed.class);
		List<Signal.Down> stopped = List.of((Signal.Down) next(downs), (Signal.Down) next(downs),
				(Signal.Down) next(downs));
		assertThat(stopped).extracting(Signal.Down::pid).containsExactly(pids.get("c"), pids.get("b"), pids.get("a"));
		assertThat(stopped).extracting(Signal.Down::reason)
			.as("a supervisor stops its children with SHUTDOWN")
			.containsOnly(ExitReason.SHUTDOWN);
	}

	@Test
	void anExitSignalFromTheRuntimeStopsTheSupervisorAndItsChildrenInReverseStartOrder() throws Exception {
		SpawnOptions trapping = SpawnOptions.builder().trapExit(true).build();
		Supervisor supervisor = Supervisor.builder()
			.child(child("a", Restart.PERMANENT, trapping))
			.child(child("b", Restart.PERMANENT, trapping))
			.child(child("c", Restart.PERMANENT, trapping))
			.build();
		ProcessHandle handle = supervisor.start(this.runtime);
		Map<String, Pid> pids = awaitRunning(supervisor, "a", "b", "c");

		assertThat(this.runtime.signalExit(handle.pid(), ExitReason.SHUTDOWN)).isTrue();

		assertThat(ended(handle)).isEqualTo(ExitReason.SHUTDOWN);
		assertThat(drain(this.stops)).containsExactly("c", "b", "a");
		assertThat(pids.values()).noneMatch(this.runtime::isAlive);
	}

	@Test
	void aStoppedSupervisorReportsItsChildrenAsNoLongerRunning() throws Exception {
		Supervisor supervisor = Supervisor.builder().child(child("a")).child(child("b")).build();
		ProcessHandle parent = this.runtime.spawn(parked());
		ProcessHandle handle = this.runtime
			.spawn(SpawnOptions.builder().trapExit(true).linkTo(parent.pid()).build(), supervisor);
		awaitRunning(supervisor, "a", "b");
		this.runtime.exit(parent.pid(), ExitReason.SHUTDOWN);
		ended(handle);
		assertThat(supervisor.children()).containsExactly(new ChildStatus("a", null, 0, ExitReason.SHUTDOWN),
				new ChildStatus("b", null, 0, ExitReason.SHUTDOWN));
	}

	@Test
	void aChildThatIgnoresTheShutdownIsKilledAfterItsShutdownTimeout() throws Exception {
		ProcessBody stubborn = (ctx) -> {
			this.starts.add("stubborn");
			for (;;) {
				ctx.receive(); // ignores the trapped Exit
			}
		};
		Supervisor supervisor = Supervisor.builder()
			.child(ChildSpec.builder("stubborn", stubborn)
				.options(SpawnOptions.builder().trapExit(true).build())
				.shutdownTimeout(Duration.ofMillis(100))
				.build())
			.build();
		ProcessHandle parent = this.runtime.spawn(parked());
		ProcessHandle handle = this.runtime
			.spawn(SpawnOptions.builder().trapExit(true).linkTo(parent.pid()).build(), supervisor);
		Pid child = awaitRunning(supervisor, "stubborn").get("stubborn");
		BlockingQueue<Object> downs = downsOf(List.of(child));
		this.runtime.exit(parent.pid(), ExitReason.SHUTDOWN);
		assertThat(ended(handle)).isEqualTo(ExitReason.SHUTDOWN);
		assertThat(((Signal.Down) next(downs)).reason()).isEqualTo(ExitReason.KILLED);
	}

	@Test
	void killingASupervisorTakesItsChildrenDown() throws Exception {
		Supervisor supervisor = Supervisor.builder().child(child("a")).child(child("b")).build();
		ProcessHandle handle = supervisor.start(this.runtime);
		Map<String, Pid> pids = awaitRunning(supervisor, "a", "b");
		BlockingQueue<Object> downs = downsOf(pids.values());
		handle.kill();
		assertThat(ended(handle)).isEqualTo(ExitReason.KILLED);
		assertThat(((Signal.Down) next(downs)).reason()).isEqualTo(ExitReason.KILLED);
		assertThat(((Signal.Down) next(downs)).reason()).isEqualTo(ExitReason.KILLED);
	}

	@Test
	void aSupervisorIgnoresTheExitOfALinkedProcessThatIsNotItsChild() throws Exception {
		Supervisor supervisor = Supervisor.builder().child(child("a")).build();
		ProcessHandle handle = supervisor.start(this.runtime);
		Pid a = awaitRunning(supervisor, "a").get("a");
		ProcessHandle stranger = this.runtime.spawn(parked());
		this.runtime.link(handle.pid(), stranger.pid());
		this.runtime.exit(stranger.pid(), ExitReason.crashed(new IllegalStateException("stranger")));
		ended(stranger);
		// the supervisor still does its job afterwards
		crash(a);
		awaitRestarts(supervisor, "a", 1);
		assertThat(this.runtime.isAlive(handle.pid())).isTrue();
	}

	@Test
	void aSupervisorRestartsAChildSupervisorThatGaveUp() throws Exception {
		Supervisor top = Supervisor.builder()
			.child(ChildSpec.builder("inner",
					() -> Supervisor.builder().intensity(0, Duration.ofMinutes(1)).child(child("leaf")).build())
				.build())
			.build();
		ProcessHandle topHandle = top.start(this.runtime);
		Pid inner = awaitRunning(top, "inner").get("inner");
		assertThat(next(this.starts)).isEqualTo("leaf");
		// the leaf is linked to the inner supervisor before it runs, so its start implies the link
		List<Pid> leaves = this.runtime.info(inner)
			.orElseThrow()
			.links()
			.stream()
			.filter((pid) -> !pid.equals(topHandle.pid()))
			.toList();
		assertThat(leaves).hasSize(1);
		crash(leaves.getFirst());
		Pid restartedInner = awaitRestarts(top, "inner", 1).get("inner");
		assertThat(restartedInner).isNotEqualTo(inner);
		assertThat(status(top, "inner").lastExit()).isInstanceOfSatisfying(ExitReason.Crashed.class,
				(crashed) -> assertThat(crashed.cause()).isInstanceOf(RestartIntensityExceededException.class));
		assertThat(next(this.starts)).as("the new inner supervisor starts its leaf").isEqualTo("leaf");
	}

	// ------------------------------------------------------------------ helpers

	/** A permanent child running {@link #worker(String)}. */
	private ChildSpec child(String id) {
		return child(id, Restart.PERMANENT);
	}

	private ChildSpec child(String id, Restart restart) {
		return child(id, restart, SpawnOptions.DEFAULT);
	}

	private ChildSpec child(String id, Restart restart, SpawnOptions options) {
		return ChildSpec.builder(id, worker(id)).restart(restart).options(options).build();
	}

	/**
	 * A child that records its start, crashes on {@code "crash"}, returns on {@code "stop"}, and, if
	 * it traps exits, records that it was told to stop and returns.
	 */
	private ProcessBody worker(String id) {
		return (ctx) -> {
			this.starts.add(id);
			for (;;) {
				Object message = ctx.receive();
				if ("crash".equals(message)) {
					throw new IllegalStateException(id + " crashed");
				}
				if ("stop".equals(message)) {
					return;
				}
				if (message instanceof Signal.Exit) {
					this.stops.add(id);
					return;
				}
			}
		};
	}

	private void crash(Pid pid) {
		crash(this.runtime, pid);
	}

	private static void crash(Runtime runtime, Pid pid) {
		assertThat(runtime.send(pid, "crash")).as("child %s is alive", pid).isTrue();
	}

	/** Waits until the supervisor reports exactly these children, all running. */
	private static Map<String, Pid> awaitRunning(Supervisor supervisor, String... ids) {
		eventually()
			.until(() -> supervisor.children().size() == ids.length
					&& supervisor.children().stream().allMatch((status) -> status.pid() != null));
		Map<String, Pid> pids = pids(supervisor);
		assertThat(pids.keySet()).containsExactly(ids);
		return pids;
	}

	/** Waits until child {@code id} was restarted {@code restarts} times and runs again. */
	private static Map<String, Pid> awaitRestarts(Supervisor supervisor, String id, int restarts) {
		eventually().until(() -> {
			ChildStatus status = status(supervisor, id);
			return status.restarts() == restarts && status.pid() != null;
		});
		return pids(supervisor);
	}

	/** Waits until child {@code id} ended and the supervisor decided not to restart it. */
	private static void awaitStopped(Supervisor supervisor, String id) {
		eventually().until(() -> {
			ChildStatus status = status(supervisor, id);
			return status.pid() == null && status.lastExit() != null;
		});
	}

	private static ChildStatus status(Supervisor supervisor, String id) {
		return supervisor.children()
			.stream()
			.filter((status) -> status.id().equals(id))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no child " + id));
	}

	private static Map<String, Pid> pids(Supervisor supervisor) {
		Map<String, Pid> pids = new LinkedHashMap<>();
		supervisor.children().forEach((status) -> pids.put(status.id(), status.pid()));
		return pids;
	}

	private static List<String> changed(Map<String, Pid> before, Map<String, Pid> after) {
		return before.keySet().stream().filter((id) -> !before.get(id).equals(after.get(id))).toList();
	}

	/** Spawns a process that monitors {@code targets} and forwards their {@code Down}s in arrival order. */
	private BlockingQueue<Object> downsOf(Iterable<Pid> targets) {
		BlockingQueue<Object> downs = new LinkedBlockingQueue<>();
		ProcessHandle collector = this.runtime.spawn((ctx) -> {
			for (;;) {
				downs.add(ctx.receive());
			}
		});
		for (Pid target : targets) {
			this.runtime.monitor(collector.pid(), target);
		}
		return downs;
	}

	private static List<Pid> downOrder(BlockingQueue<Object> downs, int count) throws InterruptedException {
		List<Pid> order = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			order.add(((Signal.Down) next(downs)).pid());
		}
		return order;
	}

	/** Takes the next {@code count} child starts, in whatever order their bodies happened to run. */
	private List<String> takeStarts(int count) throws InterruptedException {
		List<String> taken = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			taken.add(next(this.starts));
		}
		return taken;
	}

	private static List<String> drain(BlockingQueue<String> queue) {
		List<String> drained = new ArrayList<>();
		queue.drainTo(drained);
		return drained;
	}

}
