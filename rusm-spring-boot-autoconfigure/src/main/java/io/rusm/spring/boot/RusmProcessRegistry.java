package io.rusm.spring.boot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.rusm.core.ChildSpec;
import io.rusm.core.Context;
import io.rusm.core.ExitReason;
import io.rusm.core.Pid;
import io.rusm.core.ProcessBody;
import io.rusm.core.RestartIntensityExceededException;
import io.rusm.core.Runtime;
import io.rusm.core.SpawnOptions;
import io.rusm.core.Strategy;
import io.rusm.core.Supervisor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * Starts, supervises and stops the {@link RusmProcess @RusmProcess} singletons of an
 * application context.
 * <p>
 * Each singleton runs under a one-for-one {@link Supervisor} of its own, registered as
 * {@code <name>-supervisor} and claimed with {@link Runtime#whereisOrSpawn}: when several
 * application contexts share one runtime, exactly one of them starts (and owns) a given
 * singleton and the others use it. The supervisor spawns the singleton registered under
 * its name and restarts it per its restart type, within the configured intensity.
 * <p>
 * As a {@link SmartLifecycle} in a phase below the web server's, the singletons start
 * before the server takes requests and stop after it has drained: in reverse start
 * order, each supervisor sent an exit signal with {@link ExitReason#SHUTDOWN} (it stops the
 * running incarnation, then exits), and whatever still runs when the shutdown timeout
 * runs out is killed. A singleton another context owns is left running.
 *
 * @author rusm contributors
 * @since 0.1.0
 */
public final class RusmProcessRegistry implements SmartLifecycle {

	/**
	 * The lifecycle phase of the registry: below the web server's start/stop phase, so
	 * singletons start before it and stop after it.
	 */
	public static final int PHASE = WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1024;

	private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration KILL_GRACE = Duration.ofSeconds(1);

	private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

	private static final Logger logger = LoggerFactory.getLogger(RusmProcessRegistry.class);

	private final Runtime runtime;

	private final int maxRestarts;

	private final Duration within;

	private final Duration shutdownTimeout;

	private final Object monitor = new Object();

	private List<ProcessDefinition> definitions = List.of();

	private final List<Singleton> singletons = new ArrayList<>();

	private volatile boolean running;

	/**
	 * Creates a registry for the singletons of one application context.
	 * @param runtime the runtime the singletons run on
	 * @param maxRestarts the maximum number of restarts of a singleton within
	 * {@code within}
	 * @param within the period over which restarts are counted
	 * @param shutdownTimeout how long the registry waits for the singletons to exit when
	 * it stops
	 */
	public RusmProcessRegistry(Runtime runtime, int maxRestarts, Duration within, Duration shutdownTimeout) {
		this.runtime = Objects.requireNonNull(runtime, "runtime");
		this.maxRestarts = maxRestarts;
		this.within = Objects.requireNonNull(within, "within");
		this.shutdownTimeout = Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
	}

	void register(List<ProcessDefinition> definitions) {
		synchronized (this.monitor) {
			this.definitions = List.copyOf(definitions);
		}
	}

	/**
	 * Starts every registered singleton, in declaration order, and waits until each is
	 * registered under its name, so that it can be called as soon as the context is
	 * ready.
	 */
	@Override
	public void start() {
		synchronized (this.monitor) {
			if (this.running) {
				return;
			}
			for (ProcessDefinition definition : this.definitions) {
				Singleton singleton = new Singleton(definition, supervisor(definition));
				Pid pid = this.runtime.whereisOrSpawn(definition.name() + "-supervisor", singleton);
				singleton.supervisorPid = pid;
				this.singletons.add(singleton);
				awaitRegistered(definition.name(), pid);
			}
			this.running = true;
		}
	}

	private Supervisor supervisor(ProcessDefinition definition) {
		SpawnOptions.Builder options = SpawnOptions.builder()
			.name(definition.name())
			.label(definition.label())
			.tags(definition.tags());
		return Supervisor.builder()
			.strategy(Strategy.ONE_FOR_ONE)
			.intensity(this.maxRestarts, this.within)
			.child(ChildSpec.builder(definition.name(), definition.bodies())
				.restart(definition.restart())
				.options(options.build())
				.shutdownTimeout(this.shutdownTimeout)
				.build())
			.build();
	}

	private void awaitRegistered(String name, Pid supervisor) {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (this.runtime.whereis(name).isEmpty()) {
			if (!this.runtime.isAlive(supervisor)) {
				logger.warn("Supervisor of @RusmProcess '{}' exited before the process registered", name);
				return;
			}
			if (System.nanoTime() - deadline > 0) {
				logger.warn("@RusmProcess '{}' did not register within {}", name, START_TIMEOUT);
				return;
			}
			LockSupport.parkNanos(POLL_NANOS);
		}
	}

	/**
	 * Stops the singletons this context owns, in reverse start order, and returns once
	 * they exited or the shutdown timeout ran out.
	 */
	@Override
	public void stop() {
		this.running = false;
		stopSingletons();
	}

	/**
	 * Stops the singletons on a thread of its own and runs the callback once they are
	 * down. {@link #isRunning()} is {@code false} from the moment this method is called.
	 * @param callback run exactly once, when the singletons are stopped
	 */
	@Override
	public void stop(Runnable callback) {
		this.running = false;
		Thread.ofVirtual().name("rusm-singletons-stop").start(() -> {
			try {
				stopSingletons();
			}
			finally {
				callback.run();
			}
		});
	}

	private void stopSingletons() {
		List<Singleton> toStop;
		synchronized (this.monitor) {
			toStop = new ArrayList<>(this.singletons.reversed());
			this.singletons.clear();
		}
		long deadline = System.nanoTime() + this.shutdownTimeout.toNanos();
		for (Singleton singleton : toStop) {
			Pid supervisor = singleton.supervisorPid;
			if (supervisor != null && singleton.owned()) {
				singleton.stopped = true;
				stop(singleton, supervisor, deadline);
			}
		}
	}

	/**
	 * Sends the supervisor an exit signal with {@code SHUTDOWN}: it stops the running
	 * incarnation (a trapping one gets {@code Signal.Exit} and may drain its mailbox) and
	 * exits; whatever still runs at the deadline is killed.
	 */
	private void stop(Singleton singleton, Pid supervisor, long deadline) {
		this.runtime.signalExit(supervisor, ExitReason.SHUTDOWN);
		try {
			if (!singleton.exited.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
				this.runtime.kill(supervisor);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.runtime.kill(supervisor);
		}
		Set<Pid> incarnations = new LinkedHashSet<>();
		singleton.supervisor.children().stream().map(Supervisor.ChildStatus::pid).filter(Objects::nonNull)
			.forEach(incarnations::add);
		this.runtime.whereis(singleton.definition.name()).ifPresent(incarnations::add);
		for (Pid pid : incarnations) {
			if (!awaitExit(pid, deadline)) {
				logger.warn("@RusmProcess '{}' did not stop within {}; killing it", singleton.definition.name(),
						this.shutdownTimeout);
				this.runtime.kill(pid);
				awaitExit(pid, System.nanoTime() + KILL_GRACE.toNanos());
			}
		}
	}

	private boolean awaitExit(Pid pid, long deadline) {
		while (this.runtime.isAlive(pid)) {
			if (System.nanoTime() - deadline > 0 || Thread.currentThread().isInterrupted()) {
				return false;
			}
			LockSupport.parkNanos(POLL_NANOS);
		}
		return true;
	}

	/**
	 * Returns whether the singletons are started; {@code false} as soon as stopping
	 * begins.
	 * @return whether the registry is running
	 */
	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Returns {@link #PHASE}, below the web server's start/stop phase.
	 * @return the phase
	 */
	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * Returns a snapshot of every singleton this context started or uses, in start
	 * order.
	 * @return the singletons
	 */
	public List<SingletonStatus> singletons() {
		List<Singleton> snapshot;
		synchronized (this.monitor) {
			snapshot = List.copyOf(this.singletons);
		}
		return snapshot.stream().map(this::status).toList();
	}

	private SingletonStatus status(Singleton singleton) {
		String name = singleton.definition.name();
		Pid supervisorPid = singleton.supervisorPid;
		if (!singleton.owned()) {
			Pid pid = this.runtime.whereis(name).orElse(null);
			return new SingletonStatus(name, pid,
					(pid != null) ? SingletonStatus.State.RUNNING : SingletonStatus.State.RESTARTING, 0, supervisorPid,
					null);
		}
		List<Supervisor.ChildStatus> children = singleton.supervisor.children();
		Supervisor.ChildStatus child = children.isEmpty() ? null : children.get(0);
		int restarts = (child != null) ? child.restarts() : 0;
		ExitReason lastExit = (child != null) ? child.lastExit() : null;
		Optional<ExitReason> supervisorExit = singleton.supervisor.exitReason();
		if (supervisorExit.isPresent()) {
			if (supervisorExit.get() instanceof ExitReason.Crashed crashed) {
				ExitReason cause = (crashed.cause() instanceof RestartIntensityExceededException exceeded)
						? exceeded.getLastExit() : crashed;
				return new SingletonStatus(name, null, SingletonStatus.State.EXHAUSTED, restarts, supervisorPid,
						cause);
			}
			return new SingletonStatus(name, null, SingletonStatus.State.STOPPED, restarts, supervisorPid, lastExit);
		}
		if (singleton.stopped) {
			return new SingletonStatus(name, null, SingletonStatus.State.STOPPED, restarts, supervisorPid, lastExit);
		}
		Pid pid = (child != null && child.pid() != null) ? child.pid() : this.runtime.whereis(name).orElse(null);
		if (pid != null && this.runtime.isAlive(pid)) {
			return new SingletonStatus(name, pid, SingletonStatus.State.RUNNING, restarts, supervisorPid, lastExit);
		}
		boolean ended = lastExit != null && singleton.definition.restart() != io.rusm.core.Restart.PERMANENT
				&& (singleton.definition.restart() == io.rusm.core.Restart.TEMPORARY || !lastExit.isAbnormal());
		return new SingletonStatus(name, null,
				ended ? SingletonStatus.State.STOPPED
						: (lastExit != null) ? SingletonStatus.State.RESTARTING : SingletonStatus.State.STARTING,
				restarts, supervisorPid, lastExit);
	}

	/**
	 * One singleton: the body its supervisor process runs, which records whether this
	 * context's candidate won the name and when it exited.
	 */
	private static final class Singleton implements ProcessBody {

		private final ProcessDefinition definition;

		private final Supervisor supervisor;

		private final CompletableFuture<Pid> started = new CompletableFuture<>();

		private final CountDownLatch exited = new CountDownLatch(1);

		private volatile @Nullable Pid supervisorPid;

		private volatile boolean stopped;

		Singleton(ProcessDefinition definition, Supervisor supervisor) {
			this.definition = definition;
			this.supervisor = supervisor;
		}

		@Override
		public void run(Context ctx) throws Exception {
			this.started.complete(ctx.self());
			try {
				this.supervisor.run(ctx);
			}
			finally {
				this.exited.countDown();
			}
		}

		boolean owned() {
			Pid pid = this.supervisorPid;
			return pid != null && pid.equals(this.started.getNow(null));
		}

	}

}
