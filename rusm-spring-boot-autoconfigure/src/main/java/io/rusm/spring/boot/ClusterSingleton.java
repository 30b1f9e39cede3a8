package io.rusm.spring.boot;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.rusm.core.Context;
import io.rusm.core.ExitReason;
import io.rusm.core.MonitorRef;
import io.rusm.core.Pid;
import io.rusm.core.SpawnOptions;
import io.rusm.core.Signal;
import org.jspecify.annotations.Nullable;

/**
 * A {@link RusmProcess.Scope#CLUSTER cluster-scoped} singleton as one node sees it: the body
 * of this node's standby process, which claims the singleton's supervisor under the global
 * name {@code <name>-supervisor} and watches whoever holds it.
 * <p>
 * Exactly one node's claim wins; its supervisor runs the singleton, whose every incarnation
 * takes the global name {@code <name>} before it counts as running. Every other node's
 * standby monitors the winning supervisor, wherever it runs: when it goes down (its node
 * stopped it, or the node failed and the monitor ended with {@code noconnection}), the
 * standbys claim again and one of them starts the singleton on its node. The standby carries
 * no label, so the census counts the singleton once. A supervisor of this node that gave up
 * (restart intensity exhausted) is not claimed again by this node: it reports
 * {@code exhausted} here while the other nodes take over.
 */
final class ClusterSingleton implements ManagedSingleton {

	private static final Duration OWNERSHIP_WAIT = Duration.ofSeconds(1);

	private static final Duration RETRY_PAUSE = Duration.ofMillis(50);

	private final ProcessDefinition definition;

	private final ClusterScope cluster;

	private final Supplier<Singleton> candidates;

	private final CompletableFuture<Void> settled = new CompletableFuture<>();

	private @Nullable Singleton owned;

	private @Nullable Pid standby;

	private boolean stopping;

	/**
	 * Creates the standby of one cluster-scoped singleton.
	 * @param definition the singleton
	 * @param cluster the cluster's global names
	 * @param candidates a fresh supervisor body for each claim, whose incarnations take the
	 * global name
	 */
	ClusterSingleton(ProcessDefinition definition, ClusterScope cluster, Supplier<Singleton> candidates) {
		this.definition = definition;
		this.cluster = cluster;
		this.candidates = candidates;
	}

	@Override
	public ProcessDefinition definition() {
		return this.definition;
	}

	@Override
	public SpawnOptions spawnOptions() {
		return SpawnOptions.builder().name(this.definition.name() + "-standby").trapExit(true).build();
	}

	private String supervisorName() {
		return this.definition.name() + "-supervisor";
	}

	@Override
	public CompletableFuture<Void> settled() {
		return this.settled;
	}

	/**
	 * Claims the singleton's supervisor, or watches the node that holds it, until this
	 * context stops it.
	 * @param ctx the standby's context; it traps exits
	 */
	@Override
	public void run(Context ctx) throws Exception {
		try {
			while (!isStopping()) {
				Claim claim = new Claim(this.candidates.get());
				Pid supervisor = this.cluster.whereisOrSpawn(supervisorName(),
						SpawnOptions.builder().linkTo(ctx.self()).build(), claim);
				boolean ours = supervisor.node() == 0 && claim.awaitRun();
				if (ours) {
					owns(claim.singleton);
					claim.singleton.settled().whenComplete((ignored, failure) -> this.settled.complete(null));
				}
				else {
					this.settled.complete(null);
				}
				if (!watch(ctx, supervisor, ours ? claim.singleton : null)) {
					return;
				}
			}
		}
		finally {
			this.settled.complete(null);
		}
	}

	/**
	 * Waits until the supervisor goes down (then the caller claims again) or this context
	 * stops the standby (then an owned supervisor is shut down first).
	 * @return whether to claim again
	 */
	private boolean watch(Context ctx, Pid supervisor, @Nullable Singleton ours) {
		MonitorRef ref = ctx.monitor(supervisor);
		while (true) {
			Object message = ctx.receive((candidate) -> candidate instanceof Signal);
			if (message instanceof Signal.Down down && down.ref().equals(ref)) {
				if (ours != null && ours.status().state() == SingletonStatus.State.EXHAUSTED) {
					awaitStop(ctx);
					return false;
				}
				if (down.reason() == ExitReason.NOPROC) {
					ctx.receive((candidate) -> false, RETRY_PAUSE);
				}
				return !isStopping();
			}
			if (message instanceof Signal.Exit exit && !exit.from().equals(supervisor)) {
				if (ours != null) {
					ours.stopping();
					ctx.runtime().signalExit(supervisor, ExitReason.SHUTDOWN);
					ctx.receive((candidate) -> candidate instanceof Signal.Down down && down.ref().equals(ref));
				}
				return false;
			}
		}
	}

	/** A supervisor of ours gave up: stay, reporting it, until the context stops us. */
	private static void awaitStop(Context ctx) {
		ctx.receive((candidate) -> candidate instanceof Signal.Exit);
	}

	private synchronized void owns(Singleton singleton) {
		this.owned = singleton;
		if (this.standby != null) {
			singleton.supervisedBy(this.standby);
		}
	}

	private synchronized boolean isStopping() {
		return this.stopping;
	}

	@Override
	public synchronized void supervisedBy(Pid pid) {
		this.standby = pid;
	}

	@Override
	public synchronized void stopping() {
		this.stopping = true;
		if (this.owned != null) {
			this.owned.stopping();
		}
	}

	@Override
	public synchronized @Nullable Pid pid() {
		return (this.owned != null) ? this.owned.pid() : null;
	}

	/**
	 * Returns the status of the singleton: this node's own while its supervisor runs here,
	 * otherwise where the cluster's global names place it.
	 * @return the status
	 */
	@Override
	public SingletonStatus status() {
		Singleton ours;
		synchronized (this) {
			ours = this.owned;
		}
		if (ours != null) {
			SingletonStatus status = ours.status();
			if (status.state() != SingletonStatus.State.STOPPED || this.stopping) {
				return status;
			}
		}
		String name = this.definition.name();
		Optional<Pid> pid = this.cluster.whereis(name);
		return new SingletonStatus(name, pid.orElse(null),
				pid.isPresent() ? SingletonStatus.State.RUNNING : SingletonStatus.State.RESTARTING, 0,
				this.cluster.whereis(supervisorName()).orElse(null), null);
	}

	/** The body this node offers as the supervisor; it tells whether it ran. */
	private static final class Claim implements io.rusm.core.ProcessBody {

		private final Singleton singleton;

		private final CompletableFuture<Void> ran = new CompletableFuture<>();

		Claim(Singleton singleton) {
			this.singleton = singleton;
		}

		@Override
		public void run(Context ctx) throws Exception {
			this.ran.complete(null);
			this.singleton.run(ctx);
		}

		/** Whether this body runs: it starts at once after a winning spawn on this node. */
		boolean awaitRun() throws InterruptedException {
			try {
				this.ran.get(OWNERSHIP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
				return true;
			}
			catch (TimeoutException | ExecutionException ex) {
				return false;
			}
		}

	}

}
