package io.rusm.core;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * An OTP supervisor: a process that starts children, links to them, traps their exits and restarts
 * them by its {@link Strategy} and their {@link Restart} type. If children need more than
 * {@code maxRestarts} restarts within the intensity period, the supervisor stops them all and exits
 * itself, crashed with a {@link RestartIntensityExceededException}, so the failure moves up to
 * whoever supervises it.
 *
 * <pre>{@code
 * Supervisor supervisor = Supervisor.builder()
 *     .strategy(Strategy.ONE_FOR_ONE)
 *     .intensity(3, Duration.ofSeconds(5))
 *     .child(ChildSpec.builder("cache", cacheBody).build())
 *     .child(ChildSpec.builder("worker", workerBody).restart(Restart.TRANSIENT).build())
 *     .build();
 * ProcessHandle handle = supervisor.start(runtime);
 * }</pre>
 *
 * <p>A supervisor is itself a {@link ProcessBody}, so it can be a child of another supervisor or be
 * started with {@link Runtime#whereisOrSpawn(String, ProcessBody)}. One instance describes one
 * running supervisor; its {@link #children()} and {@link #exitReason()} may be read from any
 * thread. When it receives an exit signal from its parent or the runtime (a graceful shutdown), it
 * stops its children in reverse start order, each within its shutdown timeout, and exits.
 *
 * @since 0.1.0
 */
public final class Supervisor implements ProcessBody {

	private final Strategy strategy;

	private final int maxRestarts;

	private final Duration within;

	private final List<ChildSpec> specs;

	private volatile List<ChildStatus> published = List.of();

	private volatile @Nullable ExitReason exitReason;

	private Supervisor(Builder builder) {
		this.strategy = builder.strategy;
		this.maxRestarts = builder.maxRestarts;
		this.within = builder.within;
		this.specs = List.copyOf(builder.specs);
	}

	/**
	 * Starts describing a supervisor: one-for-one, at most 3 restarts in 5 seconds, unless set.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Spawns this supervisor as a new process.
	 * @param runtime the runtime to run in
	 * @return the supervisor's handle
	 */
	public ProcessHandle start(Runtime runtime) {
		Objects.requireNonNull(runtime, "runtime");
		return runtime.spawn(SpawnOptions.builder().trapExit(true).build(), this);
	}

	/**
	 * The children as last seen by the supervisor, in start order.
	 * @return one status per child
	 */
	public List<ChildStatus> children() {
		return this.published;
	}

	/**
	 * How the supervisor ended.
	 * @return its exit reason, or empty while it runs
	 */
	public Optional<ExitReason> exitReason() {
		return Optional.ofNullable(this.exitReason);
	}

	@Override
	public void run(Context ctx) {
		ctx.trapExits(true);
		Run run = new Run(ctx);
		try {
			run.supervise();
			this.exitReason = ExitReason.NORMAL;
		}
		catch (ProcessExitException ex) {
			this.exitReason = ex.reason();
			throw ex;
		}
		catch (RuntimeException | Error ex) {
			this.exitReason = ExitReason.crashed(ex);
			throw ex;
		}
	}

	/**
	 * The state of one run of the supervisor; a restarted supervisor starts from scratch.
	 */
	private final class Run {

		private final Context ctx;

		private final List<Child> children = new ArrayList<>();

		private final ArrayDeque<Long> restartTimes = new ArrayDeque<>();

		/** Who may stop this supervisor with an exit signal: the runtime and its links at start. */
		private final Set<Pid> parents = new HashSet<>();

		Run(Context ctx) {
			this.ctx = ctx;
		}

		void supervise() {
			this.parents.add(Pid.SYSTEM);
			this.ctx.runtime().info(this.ctx.self()).ifPresent((info) -> this.parents.addAll(info.links()));
			for (ChildSpec spec : Supervisor.this.specs) {
				Child child = new Child(spec);
				this.children.add(child);
				startChild(child);
			}
			publish();
			for (;;) {
				if (this.ctx.receive() instanceof Signal.Exit exit) {
					Child child = find(exit.from());
					if (child != null) {
						childExited(child, exit.reason());
					}
					else if (exit.reason().isAbnormal() && this.parents.contains(exit.from())) {
						stopAll();
						publish();
						throw new ProcessExitException(exit.reason());
					}
				}
			}
		}

		private void childExited(Child child, ExitReason reason) {
			child.pid = null;
			child.lastExit = reason;
			if (!child.spec.restart().restarts(reason)) {
				publish();
				return;
			}
			if (intensityExceeded()) {
				stopAll();
				publish();
				throw new ProcessExitException(ExitReason.crashed(new RestartIntensityExceededException(
						child.spec.id(), reason, Supervisor.this.maxRestarts, Supervisor.this.within)));
			}
			int index = this.children.indexOf(child);
			List<Child> affected = switch (Supervisor.this.strategy) {
				case ONE_FOR_ONE -> List.of(child);
				case ONE_FOR_ALL -> List.copyOf(this.children);
				case REST_FOR_ONE -> List.copyOf(this.children.subList(index, this.children.size()));
			};
			for (Child sibling : affected.reversed()) {
				stop(sibling);
			}
			for (Child restarted : affected) {
				if (restarted == child || restarted.spec.restart() != Restart.TEMPORARY) {
					restarted.restarts++;
					startChild(restarted);
				}
			}
			publish();
		}

		private boolean intensityExceeded() {
			long now = this.ctx.runtime().nanoTime();
			long windowStart = now - Arguments.nanos(Supervisor.this.within);
			while (!this.restartTimes.isEmpty() && this.restartTimes.peekFirst() - windowStart < 0) {
				this.restartTimes.pollFirst();
			}
			this.restartTimes.addLast(now);
			return this.restartTimes.size() > Supervisor.this.maxRestarts;
		}

		private void startChild(Child child) {
			ChildSpec spec = child.spec;
			ProcessBody body = Objects.requireNonNull(spec.factory().get(),
					() -> "the factory of child '" + spec.id() + "' returned null");
			child.pid = this.ctx.spawn(spec.options().linkedTo(this.ctx.self()), body).pid();
		}

		private void stopAll() {
			for (Child child : this.children.reversed()) {
				stop(child);
			}
		}

		/**
		 * Asks a running child to stop with {@code SHUTDOWN}, waits for its exit within its
		 * timeout, and kills it if it is still running.
		 */
		private void stop(Child child) {
			Pid pid = child.pid;
			if (pid == null) {
				return;
			}
			Runtime runtime = this.ctx.runtime();
			runtime.signalExit(this.ctx.self(), pid, ExitReason.SHUTDOWN);
			if (awaitExit(pid, child.spec.shutdownTimeout()).isEmpty()) {
				runtime.kill(pid);
				awaitExit(pid, child.spec.shutdownTimeout());
			}
			child.pid = null;
			child.lastExit = ExitReason.SHUTDOWN;
		}

		private Optional<Object> awaitExit(Pid pid, Duration timeout) {
			return this.ctx.receive((item) -> item instanceof Signal.Exit exit && exit.from().equals(pid), timeout);
		}

		private @Nullable Child find(Pid pid) {
			for (Child child : this.children) {
				if (pid.equals(child.pid)) {
					return child;
				}
			}
			return null;
		}

		private void publish() {
			Supervisor.this.published = this.children.stream()
				.map((child) -> new ChildStatus(child.spec.id(), child.pid, child.restarts, child.lastExit))
				.toList();
		}
	}

	/**
	 * A child as the supervisor tracks it.
	 */
	private static final class Child {

		final ChildSpec spec;

		@Nullable Pid pid;

		int restarts;

		@Nullable ExitReason lastExit;

		Child(ChildSpec spec) {
			this.spec = spec;
		}
	}

	/**
	 * One child, as the supervisor last saw it.
	 *
	 * @param id the child's id
	 * @param pid its running process, or {@code null} if it is not running
	 * @param restarts how many times it was restarted
	 * @param lastExit how it last ended, or {@code null} if it never did
	 */
	public record ChildStatus(String id, @Nullable Pid pid, int restarts, @Nullable ExitReason lastExit) {
	}

	/**
	 * Builds a {@link Supervisor}.
	 */
	public static final class Builder {

		private Strategy strategy = Strategy.ONE_FOR_ONE;

		private int maxRestarts = 3;

		private Duration within = Duration.ofSeconds(5);

		private final List<ChildSpec> specs = new ArrayList<>();

		private final Set<String> ids = new HashSet<>();

		private Builder() {
		}

		/**
		 * Sets which children are restarted when one must be.
		 * @param strategy the strategy
		 * @return this builder
		 */
		public Builder strategy(Strategy strategy) {
			this.strategy = Objects.requireNonNull(strategy, "strategy");
			return this;
		}

		/**
		 * Sets the restart intensity: more than {@code maxRestarts} restarts within {@code within}
		 * make the supervisor give up.
		 * @param maxRestarts restarts allowed in the period; zero means any exit that needs a restart
		 * ends the supervisor
		 * @param within the period
		 * @return this builder
		 */
		public Builder intensity(int maxRestarts, Duration within) {
			if (maxRestarts < 0) {
				throw new IllegalArgumentException("max restarts must not be negative, got " + maxRestarts);
			}
			this.maxRestarts = maxRestarts;
			this.within = Arguments.positive(within, "intensity period");
			return this;
		}

		/**
		 * Adds a child; children start in the order added.
		 * @param spec the child
		 * @return this builder
		 */
		public Builder child(ChildSpec spec) {
			Objects.requireNonNull(spec, "spec");
			if (!this.ids.add(spec.id())) {
				throw new IllegalArgumentException("duplicate child id '" + spec.id() + "'");
			}
			this.specs.add(spec);
			return this;
		}

		/**
		 * Builds the supervisor.
		 * @return a supervisor ready to {@link Supervisor#start(Runtime) start}
		 */
		public Supervisor build() {
			return new Supervisor(this);
		}
	}
}
