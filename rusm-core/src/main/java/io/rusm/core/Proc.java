package io.rusm.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

/**
 * One process: its virtual thread, the staging of its exit, and the little state kept for it
 * (label, trap flag, and its {@link Relations}, created on the first one).
 *
 * <p>Its mailbox is its superclass and its {@link Context} view its one subclass, so a process is
 * a single object. Relations are guarded by this object's monitor; once {@link #isExiting()} is set
 * under that monitor nothing can be added to them, which is what makes teardown race-free against
 * register, link and monitor.
 */
abstract sealed class Proc extends Mailbox implements Runnable permits ProcessContext {

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

	final Thread thread;

	final long startedAtMillis;

	final boolean processControl;

	private @Nullable ProcessBody body;

	/** The reason this process will end with, once someone decided it must; final once it ends. */
	private volatile @Nullable ExitReason staged;

	/** When {@link #staged} was set by someone telling this process to exit; {@code 0} until then. */
	private volatile long stagedAtMillis;

	/** Set when the process has ended and its teardown ran; read by {@link ProcessHandle#join()}. */
	volatile @Nullable ExitReason exitReason;

	private volatile @Nullable String label;

	private volatile boolean trapExit;

	/** Set, under this object's monitor, when teardown begins; nothing can be added afterwards. */
	private volatile boolean exiting;

	/**
	 * Guarded by this: {@code null} until the first relation and after teardown began; the name
	 * itself while a registered name is the process's only relation, the common case of a named
	 * process, so registering allocates nothing beside the registry's own entry; otherwise a
	 * {@link Relations}.
	 */
	private @Nullable Object relations;

	Proc(ProcessLifecycle lifecycle, ProcessBody body, SpawnOptions options, boolean processControl) {
		super(lifecycle.policy);
		this.lifecycle = lifecycle;
		this.body = body;
		this.processControl = processControl;
		this.label = options.label();
		this.trapExit = options.trapExit();
		this.thread = lifecycle.newThread(this);
		this.pid = new Pid(this.thread.threadId());
		this.startedAtMillis = System.currentTimeMillis();
	}

	/** This process as its body sees it. */
	abstract Context context();

	// ---------------------------------------------------------------- lifecycle

	@Override
	public final void run() {
		ExitReason ending = ExitReason.NORMAL;
		try {
			ProcessBody toRun = this.body;
			this.body = null;
			if (toRun != null && this.staged == null) {
				toRun.run(context());
			}
		}
		catch (ProcessExitException ex) {
			ending = ex.reason();
		}
		catch (Throwable ex) {
			ending = ExitReason.crashed(ex);
		}
		finally {
			try {
				closeRestored();
			}
			finally {
				this.lifecycle.teardown(this, finalReason(ending));
			}
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
	 * interrupted so a blocking call notices at once.
	 * @return whether this call staged the reason
	 */
	final boolean stageExit(ExitReason reason) {
		boolean staged = STAGED.compareAndSet(this, (ExitReason) null, reason);
		if (staged) {
			this.stagedAtMillis = System.currentTimeMillis();
			this.thread.interrupt();
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
		if (Thread.currentThread() != this.thread) {
			throw new IllegalStateException(operation + " may only be called by the process " + this.pid + " itself");
		}
	}

	@Override
	final Thread owner() {
		return this.thread;
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
		if (this.exiting) {
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

	// ---------------------------------------------------------------- guarded relations

	final boolean isExiting() {
		return this.exiting;
	}

	/** The relations to add to, made a {@link Relations} if they were none or a lone name. */
	private Relations relations() {
		Object held = this.relations;
		if (held instanceof Relations relations) {
			return relations;
		}
		Relations created = (held == null) ? new Relations() : Relations.named((String) held);
		this.relations = created;
		return created;
	}

	/** The relations to read: a lone name is given its own {@link Relations}, not kept. */
	private Relations snapshot() {
		Object held = this.relations;
		if (held instanceof Relations relations) {
			return relations;
		}
		return (held == null) ? Relations.NONE : Relations.named((String) held);
	}

	final synchronized boolean addName(String name) {
		if (this.exiting) {
			return false;
		}
		if (this.relations == null) {
			this.relations = name;
		}
		else {
			relations().addName(name);
		}
		return true;
	}

	final synchronized void removeName(String name) {
		if (name.equals(this.relations)) {
			this.relations = null;
		}
		else if (this.relations instanceof Relations held) {
			held.removeName(name);
		}
	}

	/** Records membership of {@code tag}; returns null if exiting, else whether it is new. */
	final synchronized @Nullable Boolean addTag(String tag) {
		return this.exiting ? null : relations().addTag(tag);
	}

	final synchronized boolean removeTag(String tag) {
		return this.relations instanceof Relations held && held.removeTag(tag);
	}

	final synchronized boolean addLink(Proc peer) {
		if (this.exiting) {
			return false;
		}
		relations().addLink(peer);
		return true;
	}

	final synchronized void removeLink(Proc peer) {
		if (this.relations instanceof Relations held) {
			held.removeLink(peer);
		}
	}

	final synchronized void removeLinkTo(Pid peer) {
		if (this.relations instanceof Relations held) {
			held.removeLinkTo(peer);
		}
	}

	final synchronized boolean addWatcher(Watch watch) {
		if (this.exiting) {
			return false;
		}
		relations().addWatcher(watch);
		return true;
	}

	final synchronized void removeWatcher(Watch watch) {
		if (this.relations instanceof Relations held) {
			held.removeWatcher(watch);
		}
	}

	final synchronized boolean removeWatcher(MonitorRef ref) {
		return this.relations instanceof Relations held && held.removeWatcher(ref);
	}

	final synchronized boolean addWatching(MonitorRef ref) {
		if (this.exiting) {
			return false;
		}
		relations().addWatching(ref);
		return true;
	}

	final synchronized boolean forgetWatching(MonitorRef ref) {
		return this.relations instanceof Relations held && held.forgetWatching(ref);
	}

	/** Adds a pending timer to this process's list; returns false if the process is exiting. */
	final synchronized boolean addTimer(TimerRef timer) {
		if (this.exiting) {
			return false;
		}
		relations().addTimer(timer);
		return true;
	}

	/** Unlinks ended timers from this process's list (the timer queue dropped them). */
	final synchronized void pruneTimers() {
		if (this.relations instanceof Relations held) {
			held.pruneTimers();
		}
	}

	/**
	 * Marks the process as exiting and hands over everything it holds; from now on nothing can be
	 * added to it.
	 */
	final synchronized Relations closeRelations() {
		this.exiting = true;
		Relations held = snapshot();
		this.relations = null;
		return held;
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
				(exitingSince != null) ? ProcessInfo.State.EXITING : ProcessInfo.State.RUNNING, exitingSince);
	}

	/** Where this process's thread is now; empty once it ended. */
	final List<StackTraceElement> stackTrace() {
		return List.of(this.thread.getStackTrace());
	}

	@Override
	public final String toString() {
		return "Process" + this.pid;
	}
}
