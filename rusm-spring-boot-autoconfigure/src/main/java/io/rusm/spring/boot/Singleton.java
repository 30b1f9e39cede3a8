package io.rusm.spring.boot;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import io.rusm.core.ChildSpec;
import io.rusm.core.Context;
import io.rusm.core.ExitReason;
import io.rusm.core.Pid;
import io.rusm.core.ProcessBody;
import io.rusm.core.ProcessExitException;
import io.rusm.core.RestartIntensityExceededException;
import io.rusm.core.SpawnOptions;
import io.rusm.core.Strategy;
import io.rusm.core.Supervisor;
import org.jspecify.annotations.Nullable;

/**
 * One {@link RusmProcess @RusmProcess} singleton that this application context owns: the
 * body of its supervisor process, and the one source of truth for its status.
 * <p>
 * The status changes only on events, each reported on the thread of the process it is
 * about: an incarnation's body starts or ends, the supervisor ends. Nothing polls.
 */
final class Singleton implements ProcessBody {

	private final ProcessDefinition definition;

	private final Supervisor supervisor;

	private final CompletableFuture<Void> settled = new CompletableFuture<>();

	private SingletonStatus.State state = SingletonStatus.State.STARTING;

	private @Nullable Pid pid;

	private @Nullable Pid supervisorPid;

	private int incarnations;

	private @Nullable ExitReason lastExit;

	private boolean stopping;

	private boolean supervisorEnded;

	Singleton(ProcessDefinition definition, int maxRestarts, Duration within, Duration shutdownTimeout) {
		this.definition = definition;
		this.supervisor = Supervisor.builder()
			.strategy(Strategy.ONE_FOR_ONE)
			.intensity(maxRestarts, within)
			.child(ChildSpec.builder(definition.name(), this::incarnation)
				.restart(definition.restart())
				.options(SpawnOptions.builder()
					.name(definition.name())
					.label(definition.label())
					.tags(definition.tags())
					.build())
				.shutdownTimeout(shutdownTimeout)
				.build())
			.build();
	}

	ProcessDefinition definition() {
		return this.definition;
	}

	/**
	 * Returns a future completed once the first incarnation runs (and so holds its name)
	 * or the supervisor ended without one.
	 * @return the future
	 */
	CompletableFuture<Void> settled() {
		return this.settled;
	}

	/**
	 * Runs the supervisor, and records how it ended.
	 * @param ctx the supervisor process's context
	 * @throws Exception whatever ended the supervisor
	 */
	@Override
	public void run(Context ctx) throws Exception {
		runReporting(this.supervisor, ctx, this::supervisorEnded);
	}

	/** Supplies the body of each incarnation, called by the supervisor at each (re)start. */
	private ProcessBody incarnation() {
		ProcessBody body = this.definition.bodies().get();
		synchronized (this) {
			this.incarnations++;
		}
		return (ctx) -> {
			Pid self = ctx.self();
			started(self);
			runReporting(body, ctx, (reason) -> ended(self, reason));
		};
	}

	/**
	 * Runs a body and reports how it ended: normally, with the reason of the exit it was
	 * told to make, or crashed with what it threw.
	 */
	private static void runReporting(ProcessBody body, Context ctx, Consumer<ExitReason> ended) throws Exception {
		ExitReason reason = ExitReason.NORMAL;
		try {
			body.run(ctx);
		}
		catch (ProcessExitException ex) {
			reason = ex.reason();
			throw ex;
		}
		catch (Exception | Error ex) {
			reason = ExitReason.crashed(ex);
			throw ex;
		}
		finally {
			ended.accept(reason);
		}
	}

	private synchronized void started(Pid self) {
		this.pid = self;
		this.state = SingletonStatus.State.RUNNING;
		this.settled.complete(null);
	}

	private synchronized void ended(Pid self, ExitReason reason) {
		if (!self.equals(this.pid)) {
			return;
		}
		this.pid = null;
		if (this.supervisorEnded) {
			return;
		}
		this.lastExit = reason;
		this.state = (!this.stopping && this.definition.restart().restarts(reason))
				? SingletonStatus.State.RESTARTING : SingletonStatus.State.STOPPED;
	}

	/**
	 * Records the end of the supervisor: stopped when the context stopped it, exhausted
	 * when it gave up (or could not start the singleton, or was killed) otherwise. The
	 * incarnation is left as it is: one that outlives a killed supervisor is still seen,
	 * and still stopped, until its own end is recorded.
	 */
	private synchronized void supervisorEnded(ExitReason reason) {
		this.supervisorEnded = true;
		if (this.stopping || !reason.isAbnormal()) {
			this.state = SingletonStatus.State.STOPPED;
		}
		else {
			this.state = SingletonStatus.State.EXHAUSTED;
			this.lastExit = (reason instanceof ExitReason.Crashed crashed
					&& crashed.cause() instanceof RestartIntensityExceededException exceeded) ? exceeded.getLastExit()
							: reason;
		}
		this.settled.complete(null);
	}

	/**
	 * Records the pid of the supervisor process this context spawned for the singleton.
	 * @param supervisor the supervisor's pid
	 */
	synchronized void supervisedBy(Pid supervisor) {
		this.supervisorPid = supervisor;
	}

	/**
	 * Marks the singleton as being stopped by its context, so that the end of its
	 * incarnation is not taken for a crash to restart.
	 */
	synchronized void stopping() {
		this.stopping = true;
	}

	/**
	 * Returns the running incarnation.
	 * @return its pid, or {@code null} if none runs
	 */
	synchronized @Nullable Pid pid() {
		return this.pid;
	}

	/**
	 * Returns a snapshot of the singleton's status.
	 * @return the status
	 */
	synchronized SingletonStatus status() {
		return new SingletonStatus(this.definition.name(), this.pid, this.state, Math.max(0, this.incarnations - 1),
				this.supervisorPid, this.lastExit);
	}

}
