package io.rusm.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One process: its virtual thread, the staging of its exit, and the little state kept for it
 * (label, flags, and its {@link Relations}, created on the first one). Kept small because a
 * million idle processes are a million of these: the pid is created on first use, the four flags
 * share one byte, the time an exit was staged travels with the staged reason, and the mailbox
 * policy and the lifecycle are reached through the runtime rather than held.
 *
 * <p>Its mailbox is its superclass and its {@link Context} view its one subclass, so a process is
 * a single object. Relations are guarded by this object's monitor; once {@link #isExiting()} is set
 * under that monitor nothing can be added to them, which is what makes teardown race-free against
 * register, link and monitor.
 */
abstract sealed class Proc extends Mailbox implements Runnable permits ProcessContext {

	private static final VarHandle STAGED;

	private static final VarHandle FLAGS;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			STAGED = lookup.findVarHandle(Proc.class, "staged", Object.class);
			FLAGS = lookup.findVarHandle(Proc.class, "flags", byte.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	/** {@link #flags}: spawned with {@link Capability#PROCESS_CONTROL}; fixed at spawn. */
	private static final byte PROCESS_CONTROL = 1;

	/** {@link #flags}: exits arriving over links become messages. */
	private static final byte TRAP_EXIT = 2;

	/** {@link #flags}: set, under this object's monitor, when teardown begins; nothing can be added afterwards. */
	private static final byte EXITING = 4;

	/** {@link #flags}: set when the teardown finished; read by {@link ProcessHandle#join()}. */
	private static final byte ENDED = 8;

	/** The process number: its thread's id, the key of the {@link ProcessTable}. */
	final long id;

	final Thread thread;

	final long startedAtMillis;

	/** Created on first use: an idle process that nobody asked for its pid carries none. */
	private @Nullable Pid pid;

	private @Nullable ProcessBody body;

	/**
	 * The reason this process will end with, once someone decided it must, as an {@link ExitReason}
	 * (or a {@link StagedExit} when it was told to exit, to remember when); final once it ends.
	 */
	private volatile @Nullable Object staged;

	private volatile @Nullable String label;

	/** {@link #PROCESS_CONTROL}, {@link #TRAP_EXIT}, {@link #EXITING}, {@link #ENDED}: one byte for four flags. */
	private volatile byte flags;

	/** Guarded by this; {@code null} until the first relation and after teardown began. */
	private @Nullable Relations relations;

	Proc(ProcessLifecycle lifecycle, ProcessBody body, SpawnOptions options, boolean processControl) {
		this.body = body;
		this.flags = (byte) ((processControl ? PROCESS_CONTROL : 0) | (options.trapExit() ? TRAP_EXIT : 0));
		this.label = options.label();
		this.thread = lifecycle.newThread(this);
		this.id = this.thread.threadId();
		this.startedAtMillis = System.currentTimeMillis();
	}

	/** This process as its body sees it. */
	abstract Context context();

	/** The lifecycle that spawned this process and tears it down; reached through the runtime, not held. */
	abstract ProcessLifecycle lifecycle();

	@Override
	final MailboxPolicy policy() {
		return lifecycle().policy;
	}

	/** This process's pid, created on the first call (racing callers may create equal copies). */
	final Pid pid() {
		Pid known = this.pid;
		if (known == null) {
			known = new Pid(this.id);
			this.pid = known;
		}
		return known;
	}

	/** Whether this process was spawned with {@link Capability#PROCESS_CONTROL}. */
	final boolean processControl() {
		return (this.flags & PROCESS_CONTROL) != 0;
	}

	private boolean flag(byte flag) {
		return (this.flags & flag) != 0;
	}

	private void setFlag(byte flag, boolean on) {
		if (on) {
			FLAGS.getAndBitwiseOr(this, flag);
		}
		else {
			FLAGS.getAndBitwiseAnd(this, (byte) ~flag);
		}
	}

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
				lifecycle().teardown(this, finalReason(ending));
			}
		}
	}

	/**
	 * Fixes the reason this process ends with: a reason staged by a kill, exit or link cascade wins
	 * over how the body itself ended; afterwards nothing can be staged any more.
	 */
	private ExitReason finalReason(ExitReason ending) {
		Object witness = STAGED.compareAndExchange(this, (Object) null, ending);
		return (witness != null) ? reason(witness) : ending;
	}

	private static ExitReason reason(Object staged) {
		return (staged instanceof StagedExit told) ? told.reason() : (ExitReason) staged;
	}

	/** Marks the teardown finished; {@link #exitReason()} answers from now on. */
	final void ended() {
		setFlag(ENDED, true);
	}

	/** Why this process ended, once its teardown finished; {@code null} until then. */
	final @Nullable ExitReason exitReason() {
		Object staged = this.staged;
		return (flag(ENDED) && staged != null) ? reason(staged) : null;
	}

	/**
	 * Tells this process to end with {@code reason}: the first reason staged wins, and the thread is
	 * interrupted so a blocking call notices at once.
	 * @return whether this call staged the reason
	 */
	final boolean stageExit(ExitReason reason) {
		boolean staged = STAGED.compareAndSet(this, (Object) null, new StagedExit(reason, System.currentTimeMillis()));
		if (staged) {
			this.thread.interrupt();
		}
		return staged;
	}

	/**
	 * Throws if this process has been told to end, keeping the interrupt so JDK blocking calls fail
	 * too; public as {@link Context#checkExit()}.
	 */
	@Override
	public final void checkExit() {
		Object reason = this.staged;
		if (reason != null) {
			Thread.currentThread().interrupt();
			throw new ProcessExitException(reason(reason));
		}
	}

	final boolean isExitStaged() {
		return this.staged != null;
	}

	final void requireOwner(String operation) {
		if (Thread.currentThread() != this.thread) {
			throw new IllegalStateException(operation + " may only be called by the process " + this.pid() + " itself");
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

	final boolean trapExit() {
		return flag(TRAP_EXIT);
	}

	final void setTrapExit(boolean trap) {
		setFlag(TRAP_EXIT, trap);
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

	// ---------------------------------------------------------------- guarded relations

	final boolean isExiting() {
		return flag(EXITING);
	}

	private Relations relations() {
		Relations held = this.relations;
		if (held == null) {
			held = new Relations();
			this.relations = held;
		}
		return held;
	}

	final synchronized boolean addName(String name) {
		if (isExiting()) {
			return false;
		}
		relations().addName(name);
		return true;
	}

	final synchronized void removeName(String name) {
		if (this.relations != null) {
			this.relations.removeName(name);
		}
	}

	/** Records membership of {@code tag}; returns null if exiting, else whether it is new. */
	final synchronized @Nullable Boolean addTag(String tag) {
		return isExiting() ? null : relations().addTag(tag);
	}

	final synchronized boolean removeTag(String tag) {
		return this.relations != null && this.relations.removeTag(tag);
	}

	final synchronized boolean addLink(Proc peer) {
		if (isExiting()) {
			return false;
		}
		relations().addLink(peer);
		return true;
	}

	final synchronized void removeLink(Proc peer) {
		if (this.relations != null) {
			this.relations.removeLink(peer);
		}
	}

	final synchronized void removeLinkTo(Pid peer) {
		if (this.relations != null) {
			this.relations.removeLinkTo(peer);
		}
	}

	final synchronized boolean addWatcher(Watch watch) {
		if (isExiting()) {
			return false;
		}
		relations().addWatcher(watch);
		return true;
	}

	final synchronized void removeWatcher(Watch watch) {
		if (this.relations != null) {
			this.relations.removeWatcher(watch);
		}
	}

	final synchronized boolean removeWatcher(MonitorRef ref) {
		return this.relations != null && this.relations.removeWatcher(ref);
	}

	final synchronized boolean addWatching(MonitorRef ref) {
		if (isExiting()) {
			return false;
		}
		relations().addWatching(ref);
		return true;
	}

	final synchronized boolean forgetWatching(MonitorRef ref) {
		return this.relations != null && this.relations.forgetWatching(ref);
	}

	/** Adds a pending timer to this process's list; returns false if the process is exiting. */
	final synchronized boolean addTimer(TimerRef timer) {
		if (isExiting()) {
			return false;
		}
		relations().addTimer(timer);
		return true;
	}

	/** Unlinks this process's ended timers; called when a timer heap purges ended timers. */
	final synchronized void pruneTimers() {
		if (this.relations != null) {
			this.relations.pruneTimers();
		}
	}

	/**
	 * Marks the process as exiting and hands over everything it holds; from now on nothing can be
	 * added to it.
	 */
	final synchronized Relations closeRelations() {
		setFlag(EXITING, true);
		Relations held = this.relations;
		this.relations = null;
		return (held != null) ? held : Relations.NONE;
	}

	final synchronized ProcessInfo info() {
		Relations held = (this.relations != null) ? this.relations : Relations.NONE;
		Instant exitingSince = null;
		Object staged = this.staged;
		if (staged != null) {
			exitingSince = (staged instanceof StagedExit told) ? Instant.ofEpochMilli(told.atMillis()) : Instant.now();
		}
		return new ProcessInfo(this.pid(), this.label, List.copyOf(held.names()), Set.copyOf(held.tags()),
				held.linkedPids(), held.monitoredBy(), depth(), trapExit(),
				Instant.ofEpochMilli(this.startedAtMillis),
				(exitingSince != null) ? ProcessInfo.State.EXITING : ProcessInfo.State.RUNNING, exitingSince);
	}

	/** Where this process's thread is now; empty once it ended. */
	final List<StackTraceElement> stackTrace() {
		return List.of(this.thread.getStackTrace());
	}

	/** A reason staged by someone telling the process to exit, and when, which {@code info} reports. */
	private record StagedExit(ExitReason reason, long atMillis) {
	}

	@Override
	public final String toString() {
		return "Process" + this.pid();
	}
}
