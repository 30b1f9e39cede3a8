package io.rusm.spring.boot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.rusm.core.ExitReason;
import io.rusm.core.Pid;
import io.rusm.core.ProcessHandle;
import io.rusm.core.Runtime;
import io.rusm.core.Signal;
import io.rusm.core.SpawnOptions;
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
 * Each singleton runs under a one-for-one {@link Supervisor} of its own, spawned under the
 * name {@code <name>-supervisor}: when several application contexts share one runtime,
 * exactly one of them claims that name and owns the singleton, and the others use it. The
 * supervisor spawns the singleton registered under its name and restarts it per its
 * restart type, within the configured intensity.
 * <p>
 * On a node of a cluster, a {@link RusmProcess.Scope#CLUSTER cluster-scoped} singleton
 * runs under an unlabeled standby process named {@code <name>-standby} instead: the
 * standbys of all nodes race for the supervisor's global name, and the winner's node
 * runs the supervisor while the others watch it and take over when it goes down.
 * <p>
 * Everything is event-driven: a singleton's status changes when its incarnations start
 * and end and when its supervisor ends, and starting and stopping wait for those events
 * (or for a monitor's {@code Down}), never in a polling loop.
 * <p>
 * As a {@link SmartLifecycle} in a phase below the web server's, the singletons start
 * before the server takes requests and stop after it has drained: in reverse start
 * order, each supervisor sent an exit signal with {@link ExitReason#SHUTDOWN} (it stops
 * the running incarnation, then exits), and whatever still runs when the shutdown timeout
 * runs out is killed. A stopped singleton reports {@code stopped}. A singleton another
 * context owns is left running.
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

	private static final Logger logger = LoggerFactory.getLogger(RusmProcessRegistry.class);

	private final Runtime runtime;

	private final int maxRestarts;

	private final Duration within;

	private final Duration shutdownTimeout;

	private final @Nullable ClusterScope cluster;

	private final Object monitor = new Object();

	private List<ProcessDefinition> definitions = List.of();

	private final List<Entry> entries = new ArrayList<>();

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
		this(runtime, maxRestarts, within, shutdownTimeout, null);
	}

	/**
	 * Creates a registry for the singletons of one application context, on a node of a
	 * cluster: {@link RusmProcess.Scope#CLUSTER cluster-scoped} singletons then run once in
	 * the cluster.
	 * @param runtime the runtime the singletons run on
	 * @param maxRestarts the maximum number of restarts of a singleton within
	 * {@code within}
	 * @param within the period over which restarts are counted
	 * @param shutdownTimeout how long the registry waits for the singletons to exit when
	 * it stops
	 * @param cluster the cluster's global names, or {@code null} without cluster mode
	 * (cluster-scoped singletons then run once per node)
	 */
	public RusmProcessRegistry(Runtime runtime, int maxRestarts, Duration within, Duration shutdownTimeout,
			@Nullable ClusterScope cluster) {
		this.runtime = Objects.requireNonNull(runtime, "runtime");
		this.maxRestarts = maxRestarts;
		this.within = Objects.requireNonNull(within, "within");
		this.shutdownTimeout = Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
		this.cluster = cluster;
	}

	void register(List<ProcessDefinition> definitions) {
		synchronized (this.monitor) {
			this.definitions = List.copyOf(definitions);
		}
	}

	/**
	 * Starts every registered singleton, in declaration order, and waits until each runs
	 * under its name, so that it can be called as soon as the context is ready.
	 */
	@Override
	public void start() {
		synchronized (this.monitor) {
			if (this.running) {
				return;
			}
			this.entries.clear();
			for (ProcessDefinition definition : this.definitions) {
				ManagedSingleton singleton = managed(definition);
				Entry entry = claim(singleton);
				this.entries.add(entry);
				if (entry.supervisor != null) {
					awaitStarted(singleton);
				}
			}
			this.running = true;
		}
	}

	private ManagedSingleton managed(ProcessDefinition definition) {
		ClusterScope scope = this.cluster;
		if (scope == null || definition.scope() == RusmProcess.Scope.NODE) {
			return new Singleton(definition, this.maxRestarts, this.within, this.shutdownTimeout);
		}
		GlobalNameClaim claim = new GlobalNameClaim(scope, definition.name());
		return new ClusterSingleton(definition, scope,
				() -> new Singleton(definition, this.maxRestarts, this.within, this.shutdownTimeout, claim));
	}

	/**
	 * Spawns the singleton's supervisor (or cluster standby) under its name, or finds the
	 * one another context sharing the runtime spawned first.
	 */
	private Entry claim(ManagedSingleton singleton) {
		SpawnOptions options = singleton.spawnOptions();
		String name = Objects.requireNonNull(options.name());
		while (true) {
			try {
				ProcessHandle supervisor = this.runtime.spawn(options, singleton);
				singleton.supervisedBy(supervisor.pid());
				return new Entry(singleton, supervisor);
			}
			catch (IllegalStateException ex) {
				if (this.runtime.isShuttingDown()) {
					throw ex;
				}
				if (this.runtime.whereis(name).isPresent()) {
					return new Entry(singleton, null);
				}
			}
		}
	}

	private void awaitStarted(ManagedSingleton singleton) {
		String name = singleton.definition().name();
		try {
			singleton.settled().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			if (singleton.status().state() == SingletonStatus.State.EXHAUSTED) {
				logger.warn("@RusmProcess '{}' could not be started: {}", name, singleton.status().lastExit());
			}
		}
		catch (TimeoutException ex) {
			logger.warn("@RusmProcess '{}' did not start within {}", name, START_TIMEOUT);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("the start of @RusmProcess '" + name + "' failed", ex);
		}
	}

	/**
	 * Stops the singletons this context owns, in reverse start order, and returns once
	 * they exited or the shutdown timeout ran out.
	 */
	@Override
	public void stop() {
		this.running = false;
		stop(takeOwned());
	}

	/**
	 * Stops the singletons on a thread of its own and runs the callback once they are
	 * down; at once, on the calling thread, when this context owns none that runs.
	 * {@link #isRunning()} is {@code false} from the moment this method is called.
	 * @param callback run exactly once, when the singletons are stopped
	 */
	@Override
	public void stop(Runnable callback) {
		this.running = false;
		List<Entry> toStop = takeOwned();
		if (toStop.isEmpty()) {
			callback.run();
			return;
		}
		Thread.ofVirtual().name("rusm-singletons-stop").start(() -> {
			try {
				stop(toStop);
			}
			finally {
				callback.run();
			}
		});
	}

	/** Returns the owned singletons not yet asked to stop, in reverse start order. */
	private List<Entry> takeOwned() {
		List<Entry> owned = new ArrayList<>();
		synchronized (this.monitor) {
			for (Entry entry : this.entries.reversed()) {
				if (entry.supervisor != null && !entry.stopRequested) {
					entry.stopRequested = true;
					owned.add(entry);
				}
			}
		}
		return owned;
	}

	private void stop(List<Entry> toStop) {
		long deadline = System.nanoTime() + this.shutdownTimeout.toNanos();
		for (Entry entry : toStop) {
			stop(entry.singleton, Objects.requireNonNull(entry.supervisor), deadline);
		}
	}

	/**
	 * Sends the supervisor an exit signal with {@code SHUTDOWN}: it stops the running
	 * incarnation (a trapping one gets {@code Signal.Exit} and may drain its mailbox) and
	 * exits; whatever still runs at the deadline is killed.
	 */
	private void stop(ManagedSingleton singleton, ProcessHandle supervisor, long deadline) {
		String name = singleton.definition().name();
		singleton.stopping();
		this.runtime.signalExit(supervisor.pid(), ExitReason.SHUTDOWN);
		try {
			if (supervisor.join(remaining(deadline)).isEmpty()) {
				logger.warn("@RusmProcess '{}' did not stop within {}; killing it", name, this.shutdownTimeout);
				this.runtime.kill(supervisor.pid());
				supervisor.join(KILL_GRACE);
			}
			Pid incarnation = singleton.pid();
			if (incarnation != null && this.runtime.kill(incarnation) && !awaitExit(incarnation, KILL_GRACE)) {
				logger.warn("@RusmProcess '{}' ({}) did not exit within {} of being killed", name, incarnation,
						KILL_GRACE);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.runtime.kill(supervisor.pid());
		}
	}

	/**
	 * Waits for a process to leave the runtime: a short-lived watcher process monitors it
	 * and ends on its {@code Down}.
	 */
	private boolean awaitExit(Pid pid, Duration timeout) throws InterruptedException {
		ProcessHandle watcher;
		try {
			watcher = this.runtime.spawn((ctx) -> {
				ctx.monitor(pid);
				ctx.receive((message) -> message instanceof Signal.Down down && down.pid().equals(pid), timeout);
			});
		}
		catch (IllegalStateException ex) {
			return !this.runtime.isAlive(pid);
		}
		watcher.join(timeout.plus(KILL_GRACE));
		return !this.runtime.isAlive(pid);
	}

	private static Duration remaining(long deadline) {
		return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
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
	 * Returns a snapshot of every singleton this context started or uses, in start order;
	 * after the context stopped, its own singletons report {@code stopped}. A singleton
	 * another context owns reports {@code running} while its name is held and
	 * {@code restarting} otherwise.
	 * @return the singletons
	 */
	public List<SingletonStatus> singletons() {
		List<Entry> snapshot;
		synchronized (this.monitor) {
			snapshot = List.copyOf(this.entries);
		}
		return snapshot.stream().map(this::status).toList();
	}

	private SingletonStatus status(Entry entry) {
		if (entry.supervisor != null) {
			return entry.singleton.status();
		}
		String name = entry.singleton.definition().name();
		Optional<Pid> pid = this.runtime.whereis(name);
		return new SingletonStatus(name, pid.orElse(null),
				pid.isPresent() ? SingletonStatus.State.RUNNING : SingletonStatus.State.RESTARTING, 0,
				this.runtime.whereis(name + "-supervisor").orElse(null), null);
	}

	/**
	 * A singleton of this context: its supervisor when this context owns it.
	 */
	private static final class Entry {

		private final ManagedSingleton singleton;

		private final @Nullable ProcessHandle supervisor;

		private boolean stopRequested;

		Entry(ManagedSingleton singleton, @Nullable ProcessHandle supervisor) {
			this.singleton = singleton;
			this.supervisor = supervisor;
		}

	}

}
