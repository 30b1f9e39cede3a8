package io.rusm.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

/**
 * One process: its virtual thread, the staging of its exit, and the little state kept for it
 * (label and trap flag).
 *
 * <p>A process has one virtual thread at a time. It starts with the thread whose id is its pid's;
 * a process that {@linkplain Context#hibernate(ProcessBody) hibernates} lets its thread end and
 * holds none until something wakes it, and then runs on a new one.
 *
 * <p>Its {@link Mailbox} and its {@link ProcessRelations} are its superclasses and its
 * {@link Context} view its one subclass, so a process is a single object.
 */
abstract sealed class Proc extends ProcessRelations implements Runnable permits ProcessContext {

	private static final VarHandle STAGED;

	static {
		try {
			STAGED = MethodHandles.lookup().findVarHandle(Proc.class, "staged", ExitReason.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final ProcessLifecycle lifecycle;

	final Pid pid;

	/** The thread the process runs on; {@code null} while it hibernates. */
	private volatile @Nullable Thread thread;

	final long startedAtMillis;

	final boolean processControl;

	/** What the thread runs next: the body at first, then what a hibernation resumes with. */
	private @Nullable ProcessBody body;

	/** The reason this process will end with, once someone decided it must; final once it ends. */
	private volatile @Nullable ExitReason staged;

	/** When {@link #staged} was set by someone telling this process to exit; {@code 0} until then. */
	private volatile long stagedAtMillis;

	/** Set when the process has ended and its teardown ran; read by {@link ProcessHandle#join()}. */
	volatile @Nullable ExitReason exitReason;

	private volatile @Nullable String label;

	private volatile boolean trapExit;

	Proc(ProcessLifecycle lifecycle, ProcessBody body, SpawnOptions options, boolean processControl) {
		super(lifecycle.policy);
		this.lifecycle = lifecycle;
		this.body = body;
		this.processControl = processControl;
		this.label = options.label();
		this.trapExit = options.trapExit();
		Thread first = lifecycle.newThread(this);
		this.thread = first;
		this.pid = new Pid(first.threadId());
		this.startedAtMillis = System.currentTimeMillis();
	}

	/** This process as its body sees it. */
	abstract Context context();

	// ---------------------------------------------------------------- lifecycle

	/** Starts the process's first thread. */
	final void start() {
		Objects.requireNonNull(this.thread, "a new process has its thread").start();
	}

	@Override
	public final void run() {
		ExitReason ending = ExitReason.NORMAL;
		try {
			if (runBodies()) {
				return;
			}
		}
		catch (ProcessExitException ex) {
			ending = ex.reason();
		}
		catch (Throwable ex) {
			ending = ExitReason.crashed(ex);
		}
		try {
			closeRestored();
		}
		finally {
			this.lifecycle.teardown(this, finalReason(ending));
		}
	}

	/**
	 * Runs the body, and after it each body a hibernation asked for that can go on on this thread.
	 * @return {@code true} if the process hibernated and this thread must end without a teardown
	 */
	private boolean runBodies() throws Exception {
		for (;;) {
			ProcessBody toRun = this.body;
			this.body = null;
			if (toRun == null || this.staged != null) {
				return false;
			}
			toRun.run(context());
			if (this.body == null) {
				return false;
			}
			if (letThreadGo()) {
				return true;
			}
		}
	}

	/**
	 * Asks that once the running body returns the process hibernate, then run {@code next}; only the
	 * process itself asks, on its own thread.
	 */
	final void hibernateInto(ProcessBody next) {
		this.body = next;
	}

	/**
	 * Gives up the calling thread (the process's own) if nothing waits for the process.
	 * @return whether the thread must end; {@code false} if the process goes on on it
	 */
	private boolean letThreadGo() {
		closeRestored();
		Thread current = Thread.currentThread();
		this.thread = null;
		if (announceHibernation()) {
			this.lifecycle.hibernated(this, current);
			return true;
		}
		this.thread = current;
		return false;
	}

	/** Starts a hibernating process on a new thread; called by the one waker that took the hibernation. */
	@Override
	final void resume() {
		Thread next = this.lifecycle.resumed(this);
		synchronized (this) {
			// Started under the monitor, so a joiner never finds a thread it cannot join yet.
			this.thread = next;
			next.start();
			notifyAll();
		}
	}

	/**
	 * Fixes the reason this process ends with: a reason staged by a kill, exit or link cascade wins
	 * over how the body itself ended; afterwards nothing can be staged any more.
	 */
	private ExitReason finalReason(ExitReason ending) {
		ExitReason witness = (ExitReason) STAGED.compareAndExchange(this, (ExitReason) null, ending);
		return (witness != null) ? witness : ending;
	}

	/**
	 * Tells this process to end with {@code reason}: the first reason staged wins, and the thread is
	 * interrupted so a blocking call notices at once (a hibernating process is started on a new
	 * thread, which ends it).
	 * @return whether this call staged the reason
	 */
	final boolean stageExit(ExitReason reason) {
		boolean staged = STAGED.compareAndSet(this, (ExitReason) null, reason);
		if (staged) {
			this.stagedAtMillis = System.currentTimeMillis();
			Thread running = this.thread;
			if (running != null) {
				running.interrupt();
			}
			else if (takeHibernation()) {
				resume();
			}
		}
		return staged;
	}

	/**
	 * Tells each of {@code processes} to end with {@code reason}.
	 * @return how many were told by this call
	 */
	static int stageExit(Iterable<Proc> processes, ExitReason reason) {
		int staged = 0;
		for (Proc process : processes) {
			if (process.stageExit(reason)) {
				staged++;
			}
		}
		return staged;
	}

	/**
	 * Throws if this process has been told to end, keeping the interrupt so JDK blocking calls fail
	 * too; public as {@link Context#checkExit()}.
	 */
	@Override
	public final void checkExit() {
		ExitReason reason = this.staged;
		if (reason != null) {
			Thread.currentThread().interrupt();
			throw new ProcessExitException(reason);
		}
	}

	@Override
	final boolean isExitStaged() {
		return this.staged != null;
	}

	/** Pauses the calling process (which must be this one) for {@code nanos}, ending early on exit. */
	final void pause(long nanos) {
		long deadline = Arguments.deadline(System.nanoTime(), nanos);
		for (;;) {
			checkExit();
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				return;
			}
			LockSupport.parkNanos(this, remaining);
			if (Thread.interrupted()) {
				checkExit();
			}
		}
	}

	final void requireOwner(String operation) {
		if (!runsOn(Thread.currentThread())) {
			throw new IllegalStateException(operation + " may only be called by the process " + this.pid + " itself");
		}
	}

	/** Whether {@code candidate} is this process's thread now. */
	final boolean runsOn(Thread candidate) {
		return this.thread == candidate;
	}

	@Override
	final @Nullable Thread owner() {
		return this.thread;
	}

	/**
	 * Waits until the process has ended (its {@link #exitReason} is set) or {@code timeout} passed,
	 * following it across hibernations.
	 * @param timeout the longest wait, or {@code null} for no limit
	 */
	final void awaitEnd(@Nullable Duration timeout) throws InterruptedException {
		long deadline = (timeout != null) ? Arguments.deadline(System.nanoTime(), Arguments.nanos(timeout))
				: Long.MAX_VALUE;
		while (this.exitReason == null) {
			Thread running = awaitThread(deadline);
			if (running == null) {
				return;
			}
			if (deadline == Long.MAX_VALUE) {
				running.join();
			}
			else {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0 || !running.join(Duration.ofNanos(remaining))) {
					return;
				}
			}
		}
	}

	/**
	 * The thread the process runs on, waiting while it hibernates.
	 * @return the thread, or {@code null} once the process ended or the deadline passed
	 */
	private synchronized @Nullable Thread awaitThread(long deadline) throws InterruptedException {
		for (;;) {
			Thread running = this.thread;
			if (running != null || this.exitReason != null) {
				return running;
			}
			if (deadline == Long.MAX_VALUE) {
				wait();
			}
			else {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					return null;
				}
				TimeUnit.NANOSECONDS.timedWait(this, remaining);
			}
		}
	}

	@Override
	final void received(Object item) {
		if (item instanceof Signal.Down down) {
			forgetWatching(down.ref());
		}
		else if (item instanceof StreamHandle stream) {
			stream.bindReader(this);
		}
	}

	// ---------------------------------------------------------------- label and trap flag

	final boolean trapExit() {
		return this.trapExit;
	}

	final void setTrapExit(boolean trap) {
		this.trapExit = trap;
	}

	final @Nullable String label() {
		return this.label;
	}

	/** Changes the label, moving this process between the counts of its old and new label. */
	final synchronized boolean relabel(String label, LiveCounts counts) {
		if (isExiting()) {
			return false;
		}
		String previous = this.label;
		if (!label.equals(previous)) {
			if (previous != null) {
				counts.remove(previous);
			}
			counts.add(label);
			this.label = label;
		}
		return true;
	}

	final synchronized ProcessInfo info() {
		Relations held = snapshot();
		Instant exitingSince = null;
		if (this.staged != null) {
			long stagedAt = this.stagedAtMillis;
			exitingSince = (stagedAt != 0) ? Instant.ofEpochMilli(stagedAt) : Instant.now();
		}
		return new ProcessInfo(this.pid, this.label, List.copyOf(held.names()), Set.copyOf(held.tags()),
				held.linkedPids(), held.monitoredBy(), depth(), this.trapExit,
				Instant.ofEpochMilli(this.startedAtMillis),
				state(exitingSince != null), exitingSince);
	}

	private ProcessInfo.State state(boolean exiting) {
		if (exiting) {
			return ProcessInfo.State.EXITING;
		}
		return (this.thread != null) ? ProcessInfo.State.RUNNING : ProcessInfo.State.HIBERNATING;
	}

	/** Where this process's thread is now; empty once it ended or while it hibernates. */
	final List<StackTraceElement> stackTrace() {
		Thread running = this.thread;
		return (running != null) ? List.of(running.getStackTrace()) : List.of();
	}

	@Override
	public final String toString() {
		return "Process" + this.pid;
	}
}
