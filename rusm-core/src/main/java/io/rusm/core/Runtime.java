package io.rusm.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

/**
 * A rusm runtime: a table of processes, each a virtual thread with a mailbox, plus the name
 * registry, process groups, timers and introspection around them. Erlang's process model for the
 * JVM.
 *
 * <pre>{@code
 * try (Runtime runtime = Runtime.create()) {
 *     ProcessHandle echo = runtime.spawn(ctx -> {
 *         while (true) {
 *             if (ctx.receive() instanceof Call call) {
 *                 call.reply(call.request());
 *             }
 *         }
 *     });
 *     String answer = runtime.call(echo.pid(), "hello", Duration.ofSeconds(1));
 * }
 * }</pre>
 *
 * <p>A process is one entry in a sharded table, inserted before its thread starts, so a message or
 * a kill sent the instant after {@code spawn} returns is never lost. However a process ends (its
 * body returns or throws, or it is killed) one teardown runs on its own thread: it leaves the
 * table, releases its names, groups and timers, tells its monitors, and propagates its exit over
 * its links.
 *
 * <p>All methods are thread-safe and may be called from processes and from ordinary threads.
 * Opt-in features (mailbox depth, capacity, the lifecycle log, the exit listener) cost nothing when
 * off. Virtual threads are daemon threads, so while processes are alive the runtime keeps the JVM
 * running with one non-daemon thread, until it is shut down.
 *
 * @since 0.1.0
 */
public final class Runtime implements AutoCloseable {

	/** How long {@link #close()} waits for processes to stop before it kills them. */
	public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

	final boolean trackDepth;

	final int mailboxCapacity;

	final LogLevel logLevel;

	private final @Nullable ExitListener exitListener;

	private final @Nullable Census census;

	private final ConcurrentHashMap<Pid, Proc> table = new ConcurrentHashMap<>();

	private final ConcurrentHashMap<String, Proc> registry = new ConcurrentHashMap<>();

	private final ProcessGroups groups = new ProcessGroups();

	private final LabelCounts labels = new LabelCounts();

	private final LongAdder spawned = new LongAdder();

	private final LongAdder finished = new LongAdder();

	private final LongAdder dropped = new LongAdder();

	private final AtomicLong monitorIds = new AtomicLong();

	private final ThreadFactory threads = Thread.ofVirtual().factory();

	final TimerService timers;

	private final Keeper keeper = new Keeper(this);

	private volatile boolean closing;

	private final AtomicBoolean closed = new AtomicBoolean();

	private Runtime(Builder builder) {
		this.trackDepth = builder.trackDepth || builder.mailboxCapacity > 0;
		this.mailboxCapacity = builder.mailboxCapacity;
		this.logLevel = builder.logLevel;
		this.exitListener = builder.exitListener;
		this.timers = new TimerService(builder.clock);
		this.census = this.logLevel.includes(LogLevel.INFO) ? new Census(this, builder.censusDebounce) : null;
	}

	/**
	 * Creates a runtime with the defaults: unbounded mailboxes without depth tracking, no
	 * lifecycle log, no exit listener.
	 * @return a new runtime
	 */
	public static Runtime create() {
		return builder().build();
	}

	/**
	 * Starts configuring a runtime.
	 * @return a builder with the defaults
	 */
	public static Builder builder() {
		return new Builder();
	}

	// ------------------------------------------------------------------ spawning

	/**
	 * Spawns a process running {@code body}.
	 * @param body what the process runs
	 * @return a handle to the new process
	 * @throws IllegalStateException if the runtime is shutting down
	 */
	public ProcessHandle spawn(ProcessBody body) {
		return spawn(SpawnOptions.DEFAULT, body);
	}

	/**
	 * Spawns a process with {@code options} in place before {@code body} runs.
	 * @param options name, label, tags, trap flag, link and capabilities of the new process
	 * @param body what the process runs
	 * @return a handle to the new process
	 * @throws IllegalStateException if the runtime is shutting down, or the name in the options is
	 * taken
	 */
	public ProcessHandle spawn(SpawnOptions options, ProcessBody body) {
		Objects.requireNonNull(options, "options");
		return started(options, start(options, options.name(), body, hasProcessControl(options)));
	}

	/**
	 * Spawns a process linked to {@code parent} before it runs (Erlang's {@code spawn_link}), so the
	 * link holds even if either ends at once.
	 * @param parent the process to link to
	 * @param body what the process runs
	 * @return a handle to the new process
	 */
	public ProcessHandle spawnLink(Pid parent, ProcessBody body) {
		Objects.requireNonNull(parent, "parent");
		return spawn(SpawnOptions.builder().linkTo(parent).build(), body);
	}

	/** Spawns on behalf of a process: the child gets at most the parent's capabilities. */
	ProcessHandle spawnFrom(Proc parent, SpawnOptions options, ProcessBody body) {
		Objects.requireNonNull(options, "options");
		boolean processControl = parent.processControl && hasProcessControl(options);
		return started(options, start(options, options.name(), body, processControl));
	}

	private static boolean hasProcessControl(SpawnOptions options) {
		return options.capabilities().contains(Capability.PROCESS_CONTROL);
	}

	private ProcessHandle started(SpawnOptions options, @Nullable Proc process) {
		if (process == null) {
			throw new IllegalStateException("name '" + options.name() + "' is already registered to "
					+ whereis(Objects.requireNonNull(options.name())).map(Pid::toString).orElse("another process"));
		}
		return new ProcessHandle(process);
	}

	/**
	 * Returns the live process registered as {@code name}, or spawns {@code body} under that name.
	 * Race-free: whatever the number of concurrent callers, exactly one process is started and all
	 * get its pid. The name is claimed before the new process's thread starts, so a losing
	 * candidate's body never runs; it is never counted as spawned, though {@link #list()} may see
	 * it for the instant before it is dropped.
	 * @param name the name
	 * @param body what the process runs if none holds the name
	 * @return the pid registered as {@code name}
	 */
	public Pid whereisOrSpawn(String name, ProcessBody body) {
		return whereisOrSpawn(name, SpawnOptions.DEFAULT, body);
	}

	/**
	 * Like {@link #whereisOrSpawn(String, ProcessBody)}, spawning with {@code options} (whose own
	 * name, if any, is ignored in favour of {@code name}).
	 * @param name the name
	 * @param options how to spawn the process if none holds the name
	 * @param body what the process runs if none holds the name
	 * @return the pid registered as {@code name}
	 */
	public Pid whereisOrSpawn(String name, SpawnOptions options, ProcessBody body) {
		Arguments.name(name, "name");
		Objects.requireNonNull(options, "options");
		Objects.requireNonNull(body, "body");
		for (;;) {
			Proc incumbent = this.registry.get(name);
			if (incumbent != null && !incumbent.isExiting()) {
				return incumbent.pid;
			}
			Proc started = start(options, name, body, hasProcessControl(options));
			if (started != null) {
				return started.pid;
			}
		}
	}

	/**
	 * Creates, registers and starts a process. The name is claimed last, so whoever finds the
	 * process by its name also finds its tags and link in place; if the name is taken the process
	 * is abandoned before its thread starts and {@code null} is returned.
	 */
	private @Nullable Proc start(SpawnOptions options, @Nullable String name, ProcessBody body,
			boolean processControl) {
		Objects.requireNonNull(body, "body");
		requireOpen();
		Proc process = new Proc(this, body, processControl, options.label(), options.trapExit());
		this.table.put(process.pid, process);
		if (this.closing) {
			// A shutdown began after the check above and may have missed this process: undo.
			this.table.remove(process.pid, process);
			requireOpen();
		}
		for (String tag : options.tags()) {
			joinGroup(tag, process);
		}
		Pid linkTo = options.linkTo();
		if (linkTo != null) {
			linkAtSpawn(process, linkTo);
		}
		if (name != null && !claimName(name, process)) {
			abandon(process);
			return null;
		}
		this.spawned.increment();
		this.keeper.ensureRunning();
		String label = options.label();
		if (label != null) {
			this.labels.add(label);
			if (this.logLevel.includes(LogLevel.DEBUG)) {
				LifecycleLog.spawned(process.pid, label);
			}
			censusChanged();
		}
		process.thread.start();
		return process;
	}

	private void requireOpen() {
		if (this.closing) {
			throw new IllegalStateException("the runtime is shutting down and accepts no new processes");
		}
	}

	/**
	 * Undoes a process that lost the race for its name before its thread started: it leaves its
	 * groups and its parent's links and the table, and is never counted as spawned.
	 */
	private void abandon(Proc process) {
		Proc.Relations held = process.closeRelations();
		if (held.tags() != null) {
			for (String tag : held.tags()) {
				this.groups.leave(tag, process);
			}
		}
		if (held.links() != null) {
			for (Proc peer : held.links()) {
				peer.removeLinkTo(process.pid);
			}
		}
		this.table.remove(process.pid, process);
	}

	/** Links a child that has not started yet to its parent; a dead parent means NOPROC for it. */
	private void linkAtSpawn(Proc child, Pid parentPid) {
		Proc parent = this.table.get(parentPid);
		if (parent != null && parent.addLink(child)) {
			child.addLink(parent);
		}
		else {
			propagateExit(parentPid, child, ExitReason.NOPROC);
		}
	}

	Thread newThread(Runnable runnable) {
		return this.threads.newThread(runnable);
	}

	// ------------------------------------------------------------------ ending processes

	/**
	 * Kills {@code pid}: it ends with {@link ExitReason#KILLED} at its next blocking call (at once if
	 * it is blocked), or never runs its body if it has not started yet.
	 * @param pid the process
	 * @return whether a live process was found
	 */
	public boolean kill(Pid pid) {
		Objects.requireNonNull(pid, "pid");
		Proc process = this.table.get(pid);
		if (process == null || process.isExiting()) {
			return false;
		}
		if (this.logLevel.includes(LogLevel.INFO)) {
			// Before the signal: the killed process logs its exit on its own thread right after.
			LifecycleLog.killed(pid, process.label());
		}
		process.stageExit(ExitReason.KILLED);
		return true;
	}

	/**
	 * Ends {@code pid} with {@code reason}, which its links and monitors observe; a process can be
	 * made to crash without throwing. Unlike Erlang's {@code exit/2} this ends even a process that
	 * traps exits; {@link #signalExit(Pid, ExitReason)} lets a trapping process decide. The first
	 * reason staged for a process wins.
	 * @param pid the process
	 * @param reason the reason it ends with
	 * @return whether a live process was found
	 */
	public boolean exit(Pid pid, ExitReason reason) {
		Objects.requireNonNull(pid, "pid");
		Objects.requireNonNull(reason, "reason");
		Proc process = this.table.get(pid);
		if (process == null || process.isExiting()) {
			return false;
		}
		process.stageExit(reason);
		return true;
	}

	/**
	 * Runs on the ending process's own thread, whatever ended it: releases everything it held and
	 * tells everyone who watched it.
	 */
	void teardown(Proc process, ExitReason reason) {
		Proc.Relations held = process.closeRelations();
		this.table.remove(process.pid, process);
		this.finished.increment();
		String label = process.label();
		if (label != null) {
			this.labels.remove(label);
		}
		if (held.names() != null) {
			for (String name : held.names()) {
				this.registry.remove(name, process);
			}
		}
		if (held.tags() != null) {
			for (String tag : held.tags()) {
				this.groups.leave(tag, process);
			}
		}
		if (held.timers() != null) {
			this.timers.drop(held.timers());
		}
		if (held.watching() != null) {
			for (MonitorRef ref : held.watching()) {
				Proc target = this.table.get(ref.target());
				if (target != null) {
					target.removeWatcher(ref);
				}
			}
		}
		if (held.watchers() != null) {
			for (Watch watch : held.watchers()) {
				watch.fire(this, reason);
			}
		}
		if (held.links() != null) {
			for (Proc peer : held.links()) {
				propagateExit(process.pid, peer, reason);
			}
		}
		if (label != null || reason instanceof ExitReason.Crashed) {
			if (this.logLevel.includes(LogLevel.forExit(reason))) {
				LifecycleLog.exited(process.pid, label, reason);
			}
		}
		if (label != null || held.tags() != null) {
			censusChanged();
		}
		process.exitReason = reason;
		if (this.exitListener != null) {
			notifyExitListener(this.exitListener, process, held, reason);
		}
	}

	private static void notifyExitListener(ExitListener listener, Proc process, Proc.Relations held,
			ExitReason reason) {
		try {
			listener.onExit(new ExitEvent(process.pid, process.label(), held.nameList(), held.tagSet(), reason,
					Instant.ofEpochMilli(process.startedAtMillis), Instant.now()));
		}
		catch (RuntimeException ex) {
			LifecycleLog.listenerFailed(process.pid, ex);
		}
	}

	/**
	 * Applies {@code from}'s exit to a linked {@code peer}: a trapping peer gets a
	 * {@link Signal.Exit}; any other is taken down by an abnormal exit, with the same reason.
	 */
	private void propagateExit(Pid from, Proc peer, ExitReason reason) {
		peer.removeLinkTo(from);
		sendExitSignal(from, peer, reason);
	}

	/**
	 * Sends {@code pid} an exit signal from the runtime, with Erlang's {@code exit/2} semantics: a
	 * process that traps exits receives {@link Signal.Exit} from {@link Pid#SYSTEM} and decides
	 * what to do (a {@link Supervisor} stops its children in reverse order, each within its
	 * shutdown timeout, and exits); any other process ends with an abnormal {@code reason} and
	 * ignores {@link ExitReason#NORMAL}. This is how to stop a supervision tree in order.
	 * @param pid the process
	 * @param reason the reason carried by the signal
	 * @return whether a live process was found
	 */
	public boolean signalExit(Pid pid, ExitReason reason) {
		Objects.requireNonNull(pid, "pid");
		Objects.requireNonNull(reason, "reason");
		return exitSignal(Pid.SYSTEM, pid, reason);
	}

	/**
	 * Sends an exit signal as Erlang does: a trapping process receives it as a {@link Signal.Exit};
	 * any other ends with an abnormal reason and ignores a normal one.
	 * @return whether the target was alive
	 */
	boolean exitSignal(Pid from, Pid target, ExitReason reason) {
		Proc process = this.table.get(target);
		if (process == null) {
			return false;
		}
		sendExitSignal(from, process, reason);
		return true;
	}

	private static void sendExitSignal(Pid from, Proc peer, ExitReason reason) {
		if (peer.isTrappingExits()) {
			peer.deliverSignal(new Signal.Exit(from, reason));
		}
		else if (reason.isAbnormal()) {
			peer.stageExit(reason);
		}
	}

	// ------------------------------------------------------------------ messages

	/**
	 * Sends {@code message} to {@code pid}. Sending to a dead process is a silent no-op, as in
	 * Erlang.
	 * @param pid the recipient
	 * @param message any object but {@code null}
	 * @return whether it landed in a live process's mailbox ({@code false} also when shed)
	 */
	public boolean send(Pid pid, Object message) {
		return trySend(pid, message) == Delivery.DELIVERED;
	}

	/**
	 * Sends {@code message} to {@code pid} and says what became of it, telling a dead recipient
	 * from an overloaded one.
	 * @param pid the recipient
	 * @param message any object but {@code null}
	 * @return the outcome
	 */
	public Delivery trySend(Pid pid, Object message) {
		Objects.requireNonNull(pid, "pid");
		Objects.requireNonNull(message, "message");
		Proc process = this.table.get(pid);
		return (process != null) ? process.deliver(message) : Delivery.NO_PROCESS;
	}

	/**
	 * Sends {@code message} to the process registered as {@code name}.
	 * @param name the registered name; not blank (a blank name is never registered)
	 * @param message any object but {@code null}
	 * @return whether it landed in a live process's mailbox
	 */
	public boolean sendNamed(String name, Object message) {
		Arguments.name(name, "name");
		Objects.requireNonNull(message, "message");
		Proc process = this.registry.get(name);
		return process != null && !process.isExiting() && process.deliver(message) == Delivery.DELIVERED;
	}

	/**
	 * Sends a byte stream to {@code pid}: it receives the {@link StreamHandle} itself, in order
	 * with its other messages, and reads the chunks at its own pace while the writer is held back
	 * when the pipe is full.
	 * @param pid the recipient
	 * @param stream the reading end of a {@link Streams#pipe(int) pipe}
	 * @return whether it landed in a live process's mailbox
	 */
	public boolean sendStream(Pid pid, StreamHandle stream) {
		Objects.requireNonNull(stream, "stream");
		return send(pid, stream);
	}

	/**
	 * Calls {@code pid} and waits for its reply, like {@code gen_server:call}: the callee receives
	 * a {@link Call} and answers with {@link Call#reply(Object)}.
	 * @param <T> the type of the reply
	 * @param pid the callee
	 * @param request what to ask; not {@code null}
	 * @param timeout how long to wait for the reply; positive
	 * @return the reply
	 * @throws NoProcessException if the callee is not alive
	 * @throws ProcessExitedException if the callee ends before replying
	 * @throws CallTimeoutException if no reply comes in time
	 * @throws MailboxFullException if the callee's mailbox is full
	 */
	public <T> T call(Pid pid, Object request, Duration timeout) {
		Objects.requireNonNull(pid, "pid");
		Proc callee = this.table.get(pid);
		if (callee == null || callee.isExiting()) {
			throw new NoProcessException("no process " + pid);
		}
		return invoke(callee, request, timeout);
	}

	/**
	 * Calls the process registered as {@code name} and waits for its reply.
	 * @param <T> the type of the reply
	 * @param name the callee's registered name
	 * @param request what to ask; not {@code null}
	 * @param timeout how long to wait for the reply; positive
	 * @return the reply
	 * @throws NoProcessException if no live process is registered as {@code name}
	 * @throws ProcessExitedException if the callee ends before replying
	 * @throws CallTimeoutException if no reply comes in time
	 * @throws MailboxFullException if the callee's mailbox is full
	 */
	public <T> T call(String name, Object request, Duration timeout) {
		Arguments.name(name, "name");
		Proc callee = this.registry.get(name);
		if (callee == null || callee.isExiting()) {
			throw new NoProcessException("no process registered as '" + name + "'");
		}
		return invoke(callee, request, timeout);
	}

	@SuppressWarnings("unchecked")
	private <T> T invoke(Proc callee, Object request, Duration timeout) {
		Objects.requireNonNull(request, "request");
		long nanos = Arguments.nanos(Arguments.positive(timeout, "timeout"));
		Proc caller = current();
		if (caller != null) {
			caller.checkExit();
			if (caller == callee) {
				throw new IllegalStateException("process " + callee.pid + " cannot call itself");
			}
		}
		long now = System.nanoTime();
		long deadline = (nanos >= Long.MAX_VALUE - now) ? Long.MAX_VALUE : now + nanos;
		Pid callerPid = (caller != null) ? caller.pid : null;
		MonitorRef ref = new MonitorRef(this.monitorIds.incrementAndGet(), Objects.requireNonNullElse(callerPid, Pid.SYSTEM),
				callee.pid);
		Call call = new Call(ref, request, callerPid);
		if (!callee.addWatcher(call)) {
			throw new NoProcessException("no process " + callee.pid);
		}
		try {
			if (callee.deliver(call) == Delivery.SHED) {
				throw new MailboxFullException("the mailbox of " + callee.pid + " is full; the call was shed");
			}
			return (T) call.await(deadline, timeout, caller);
		}
		finally {
			callee.removeWatcher(call);
		}
	}

	/** The process running on the calling thread, if it is one of this runtime's. */
	private @Nullable Proc current() {
		Thread thread = Thread.currentThread();
		if (!thread.isVirtual()) {
			return null;
		}
		Proc process = this.table.get(new Pid(thread.threadId()));
		return (process != null && process.thread == thread) ? process : null;
	}

	/**
	 * Delivers {@code message} to {@code pid} after {@code delay}. Timers cost one small object each
	 * and no thread; a process's pending timers are dropped when it exits, and a timer for a pid
	 * that is not alive is never pending.
	 * @param pid the recipient
	 * @param delay how long to wait; not negative
	 * @param message any object but {@code null}
	 * @return a reference that can cancel the timer
	 */
	public TimerRef sendAfter(Pid pid, Duration delay, Object message) {
		Objects.requireNonNull(pid, "pid");
		long nanos = Arguments.nanos(Arguments.nonNegative(delay, "delay"));
		Objects.requireNonNull(message, "message");
		return this.timers.schedule(this.table.get(pid), nanos, message);
	}

	// ------------------------------------------------------------------ links and monitors

	/**
	 * Links two processes: when either ends abnormally the other is taken down with the same
	 * reason, or, if it traps exits, receives a {@link Signal.Exit}. A no-op if either is dead or
	 * they are the same process.
	 * @param a one process
	 * @param b the other
	 */
	public void link(Pid a, Pid b) {
		Objects.requireNonNull(a, "a");
		Objects.requireNonNull(b, "b");
		if (a.equals(b)) {
			return;
		}
		Proc first = this.table.get(a);
		Proc second = this.table.get(b);
		if (first == null || second == null || !first.addLink(second)) {
			return;
		}
		if (!second.addLink(first)) {
			first.removeLink(second);
			return;
		}
		if (first.isExiting()) {
			second.removeLink(first);
		}
		if (second.isExiting()) {
			first.removeLink(second);
		}
	}

	/**
	 * Removes the link between two processes, in both directions.
	 * @param a one process
	 * @param b the other
	 */
	public void unlink(Pid a, Pid b) {
		Objects.requireNonNull(a, "a");
		Objects.requireNonNull(b, "b");
		Proc first = this.table.get(a);
		Proc second = this.table.get(b);
		if (first != null) {
			first.removeLinkTo(b);
		}
		if (second != null) {
			second.removeLinkTo(a);
		}
	}

	/**
	 * Sets whether {@code pid} traps exits: a trapping process receives a linked process's exit as
	 * a {@link Signal.Exit} message instead of dying with it, which is how a supervisor survives its
	 * children. A no-op for a dead pid.
	 * @param pid the process
	 * @param trap the flag
	 */
	public void setTrapExit(Pid pid, boolean trap) {
		Objects.requireNonNull(pid, "pid");
		Proc process = this.table.get(pid);
		if (process != null) {
			process.setTrapExit(trap);
		}
	}

	/**
	 * Makes {@code watcher} monitor {@code target}: when the target ends, the watcher receives a
	 * {@link Signal.Down} with the returned reference and the exit reason. One-way; it never takes
	 * the watcher down. A dead target is reported at once with {@link ExitReason#NOPROC}.
	 * @param watcher the process to tell
	 * @param target the process to watch
	 * @return the monitor's reference
	 */
	public MonitorRef monitor(Pid watcher, Pid target) {
		Objects.requireNonNull(watcher, "watcher");
		Objects.requireNonNull(target, "target");
		MonitorRef ref = new MonitorRef(this.monitorIds.incrementAndGet(), watcher, target);
		Proc watching = this.table.get(watcher);
		if (watching == null || !watching.addWatching(ref)) {
			return ref;
		}
		Proc watched = this.table.get(target);
		if (watched == null || !watched.addWatcher(new Watch.ByProcess(ref, watching))) {
			watching.forgetWatching(ref);
			watching.deliverSignal(new Signal.Down(ref, target, ExitReason.NOPROC));
			return ref;
		}
		if (watching.isExiting()) {
			watched.removeWatcher(ref);
		}
		return ref;
	}

	/**
	 * Removes a monitor; its {@code Down} will not be sent.
	 * @param ref the monitor
	 * @return whether it was still in place
	 */
	public boolean demonitor(MonitorRef ref) {
		Objects.requireNonNull(ref, "ref");
		Proc watcher = this.table.get(ref.watcher());
		if (watcher != null) {
			watcher.forgetWatching(ref);
		}
		Proc target = this.table.get(ref.target());
		return target != null && target.removeWatcher(ref);
	}

	// ------------------------------------------------------------------ registry

	/**
	 * Registers {@code pid} under {@code name}. A name maps to one process; a process may hold
	 * several names. Names are released when the process exits.
	 * @param name a non-blank name
	 * @param pid the process
	 * @return {@code false} if the name is taken or the process is not alive
	 */
	public boolean register(String name, Pid pid) {
		Arguments.name(name, "name");
		Objects.requireNonNull(pid, "pid");
		Proc process = this.table.get(pid);
		return process != null && claimName(name, process);
	}

	private boolean claimName(String name, Proc process) {
		for (;;) {
			Proc incumbent = this.registry.putIfAbsent(name, process);
			if (incumbent == null) {
				break;
			}
			if (!incumbent.isExiting()) {
				return false;
			}
			if (this.registry.replace(name, incumbent, process)) {
				break;
			}
		}
		if (!process.addName(name)) {
			this.registry.remove(name, process);
			return false;
		}
		return true;
	}

	/**
	 * Looks up a registered name.
	 * @param name the name; not blank
	 * @return the live process holding it, if any
	 */
	public Optional<Pid> whereis(String name) {
		Arguments.name(name, "name");
		Proc process = this.registry.get(name);
		return (process != null && !process.isExiting()) ? Optional.of(process.pid) : Optional.empty();
	}

	/**
	 * Releases {@code name}.
	 * @param name the name; not blank
	 * @return whether it was registered
	 */
	public boolean unregister(String name) {
		Arguments.name(name, "name");
		Proc process = this.registry.remove(name);
		if (process == null) {
			return false;
		}
		process.removeName(name);
		return true;
	}

	/**
	 * Every registered name and its holder.
	 * @return a sorted snapshot
	 */
	public SortedMap<String, Pid> registered() {
		SortedMap<String, Pid> names = new TreeMap<>();
		this.registry.forEach((name, process) -> {
			if (!process.isExiting()) {
				names.put(name, process.pid);
			}
		});
		return names;
	}

	// ------------------------------------------------------------------ process groups

	/**
	 * Adds {@code pid} to the process group {@code tag} (Erlang's {@code pg}): a process may hold
	 * many tags and a tag many processes. Idempotent; memberships are released on exit.
	 * @param tag a non-blank tag
	 * @param pid the process
	 * @return {@code false} only if the process is not alive
	 */
	public boolean registerTag(String tag, Pid pid) {
		Arguments.name(tag, "tag");
		Objects.requireNonNull(pid, "pid");
		Proc process = this.table.get(pid);
		return process != null && joinGroup(tag, process);
	}

	private boolean joinGroup(String tag, Proc process) {
		this.groups.join(tag, process);
		Boolean added = process.addTag(tag);
		if (added == null) {
			this.groups.leave(tag, process);
			return false;
		}
		if (added) {
			censusChanged();
		}
		return true;
	}

	/**
	 * The live members of the process group {@code tag}.
	 * @param tag the tag; not blank
	 * @return the members in pid order; empty for an unknown tag
	 */
	public List<Pid> whereisTag(String tag) {
		Arguments.name(tag, "tag");
		return this.groups.members(tag)
			.stream()
			.filter((process) -> !process.isExiting())
			.map((process) -> process.pid)
			.sorted()
			.toList();
	}

	/**
	 * Removes {@code pid} from the process group {@code tag}; a group left empty disappears.
	 * @param tag the tag; not blank
	 * @param pid the process
	 * @return whether it was a member
	 */
	public boolean unregisterTag(String tag, Pid pid) {
		Arguments.name(tag, "tag");
		Objects.requireNonNull(pid, "pid");
		Proc process = this.table.get(pid);
		if (process == null || !process.removeTag(tag)) {
			return false;
		}
		this.groups.leave(tag, process);
		censusChanged();
		return true;
	}

	/**
	 * Kills every live member of the process group {@code tag}: scoped cancellation of a whole unit
	 * of work in one call.
	 * @param tag the group
	 * @return how many members were told to exit by this call ({@code 0} for an unknown tag)
	 */
	public int killTag(String tag) {
		Arguments.name(tag, "tag");
		int killed = 0;
		for (Proc member : this.groups.members(tag)) {
			if (member.stageExit(ExitReason.KILLED)) {
				killed++;
			}
		}
		if (this.logLevel.includes(LogLevel.INFO)) {
			LifecycleLog.killedTag(tag, killed);
		}
		return killed;
	}

	// ------------------------------------------------------------------ introspection

	/**
	 * How many processes are alive.
	 * @return the live count
	 */
	public int processCount() {
		return this.table.size();
	}

	/**
	 * How many processes were ever spawned.
	 * @return the spawn count
	 */
	public long spawned() {
		return this.spawned.sum();
	}

	/**
	 * How many processes have ended, for any reason.
	 * @return the exit count
	 */
	public long finished() {
		return this.finished.sum();
	}

	/**
	 * How many user messages bounded mailboxes shed; always {@code 0} without a capacity. A rising
	 * count means producers outrun a consumer.
	 * @return the shed count
	 */
	public long droppedMessages() {
		return this.dropped.sum();
	}

	void countDropped() {
		this.dropped.increment();
	}

	/**
	 * How many timers are pending.
	 * @return the pending count
	 */
	public long pendingTimers() {
		return this.timers.pending();
	}

	/**
	 * Whether {@code pid} is alive.
	 * @param pid the process
	 * @return whether it is in the process table
	 */
	public boolean isAlive(Pid pid) {
		Objects.requireNonNull(pid, "pid");
		return this.table.containsKey(pid);
	}

	/**
	 * The live processes (Erlang's {@code processes()}).
	 * @return their pids in order; a snapshot
	 */
	public List<Pid> list() {
		List<Pid> pids = new ArrayList<>(this.table.keySet());
		pids.sort(Comparator.naturalOrder());
		return pids;
	}

	/**
	 * Describes a live process (Erlang's {@code process_info/1}).
	 * @param pid the process
	 * @return its description, or empty if it is not alive
	 */
	public Optional<ProcessInfo> info(Pid pid) {
		Objects.requireNonNull(pid, "pid");
		Proc process = this.table.get(pid);
		return (process != null && !process.isExiting()) ? Optional.of(process.info()) : Optional.empty();
	}

	/**
	 * Labels a process for observability (Elixir's {@code Process.set_label/1}); labels need not be
	 * unique, and the {@link #census()} counts live processes per label.
	 * @param pid the process
	 * @param label a non-blank label
	 * @return {@code false} if the process is not alive
	 */
	public boolean setLabel(Pid pid, String label) {
		Objects.requireNonNull(pid, "pid");
		Arguments.name(label, "label");
		Proc process = this.table.get(pid);
		if (process == null || !process.relabel(label, this.labels)) {
			return false;
		}
		censusChanged();
		return true;
	}

	/**
	 * Live processes per label; unlabeled processes are not counted.
	 * @return label to live count, sorted by label
	 */
	public SortedMap<String, Integer> census() {
		return this.labels.snapshot();
	}

	/**
	 * Live members per process group.
	 * @return tag to live count, sorted by tag
	 */
	public SortedMap<String, Integer> tagCounts() {
		return this.groups.counts();
	}

	private void censusChanged() {
		if (this.census != null) {
			this.census.changed();
		}
	}

	// ------------------------------------------------------------------ shutdown

	/**
	 * Kills every live process. The runtime stays usable.
	 * @return how many processes were told to exit
	 */
	public int shutdown() {
		int stopped = 0;
		for (Proc process : this.table.values()) {
			if (process.stageExit(ExitReason.KILLED)) {
				stopped++;
			}
		}
		return stopped;
	}

	/**
	 * Stops the runtime in order: new spawns are refused; processes that trap exits receive
	 * {@link Signal.Exit} from {@link Pid#SYSTEM} with {@link ExitReason#SHUTDOWN} so they can drain
	 * their mailbox and return; the others end with {@code SHUTDOWN}. Processes still running when
	 * {@code timeout} passes are killed.
	 * @param timeout how long processes get to end by themselves
	 * @return how many were signalled, ended in time, and were killed
	 */
	public ShutdownReport shutdownGracefully(Duration timeout) {
		long nanos = Arguments.nanos(Arguments.nonNegative(timeout, "timeout"));
		this.closing = true;
		List<Proc> signalled = new ArrayList<>(this.table.values());
		for (Proc process : signalled) {
			if (process.isTrappingExits()) {
				process.deliverSignal(new Signal.Exit(Pid.SYSTEM, ExitReason.SHUTDOWN));
			}
			else {
				process.stageExit(ExitReason.SHUTDOWN);
			}
		}
		long deadline = System.nanoTime() + nanos;
		awaitExit(signalled, deadline);
		int exitedInTime = (int) signalled.stream().filter((process) -> process.exitReason != null).count();
		List<Proc> stragglers = new ArrayList<>(this.table.values());
		int killed = 0;
		for (Proc process : stragglers) {
			if (process.stageExit(ExitReason.KILLED)) {
				killed++;
			}
		}
		awaitExit(stragglers, System.nanoTime() + Math.min(nanos, DEFAULT_SHUTDOWN_TIMEOUT.toNanos()));
		this.timers.stop();
		this.keeper.stop();
		return new ShutdownReport(signalled.size(), exitedInTime, killed);
	}

	private static void awaitExit(List<Proc> processes, long deadline) {
		try {
			for (Proc process : processes) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					return;
				}
				process.thread.join(Duration.ofNanos(remaining));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Whether {@link #shutdownGracefully(Duration)} or {@link #close()} has begun.
	 * @return whether new spawns are refused
	 */
	public boolean isShuttingDown() {
		return this.closing;
	}

	/**
	 * Shuts the runtime down gracefully with {@link #DEFAULT_SHUTDOWN_TIMEOUT}; later calls do
	 * nothing.
	 */
	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			shutdownGracefully(DEFAULT_SHUTDOWN_TIMEOUT);
		}
	}

	@Override
	public String toString() {
		return "Runtime[processes=" + processCount() + ", spawned=" + spawned() + ", finished=" + finished() + "]";
	}

	/**
	 * Configures a {@link Runtime}.
	 */
	public static final class Builder {

		private boolean trackDepth;

		private int mailboxCapacity;

		private LogLevel logLevel = LogLevel.OFF;

		private Duration censusDebounce = Census.DEFAULT_DEBOUNCE;

		private @Nullable ExitListener exitListener;

		private @Nullable ManualClock clock;

		private Builder() {
		}

		/**
		 * Tracks how many items wait in each mailbox, for {@link ProcessInfo#mailboxDepth()}. Costs
		 * an atomic update per send and receive, so it is off by default.
		 * @param track whether to track depth
		 * @return this builder
		 */
		public Builder trackMailboxDepth(boolean track) {
			this.trackDepth = track;
			return this;
		}

		/**
		 * Bounds every mailbox: past {@code capacity} waiting items, user messages are shed and
		 * counted in {@link Runtime#droppedMessages()}; system signals are never shed. Implies depth
		 * tracking.
		 * @param capacity a positive number of items
		 * @return this builder
		 */
		public Builder mailboxCapacity(int capacity) {
			if (capacity <= 0) {
				throw new IllegalArgumentException("mailbox capacity must be positive, got " + capacity);
			}
			this.mailboxCapacity = capacity;
			return this;
		}

		/**
		 * Sets the level of the lifecycle log {@code io.rusm.lifecycle} (default {@link LogLevel#OFF}).
		 * Spawns and exits are logged for labeled processes, the components an application named;
		 * crashes are logged for every process. At {@link LogLevel#INFO} and above a debounced census
		 * line is also written whenever labeled processes or process groups changed.
		 * @param level the level
		 * @return this builder
		 */
		public Builder lifecycleLog(LogLevel level) {
			this.logLevel = Objects.requireNonNull(level, "level");
			return this;
		}

		/**
		 * How long the census waits for changes to settle before it writes one line (default 2 s).
		 * @param debounce a positive duration
		 * @return this builder
		 */
		public Builder censusDebounce(Duration debounce) {
			this.censusDebounce = Arguments.positive(debounce, "census debounce");
			return this;
		}

		/**
		 * Sets the listener told about every process exit.
		 * @param listener the listener
		 * @return this builder
		 */
		public Builder exitListener(ExitListener listener) {
			this.exitListener = Objects.requireNonNull(listener, "listener");
			return this;
		}

		/**
		 * Runs timers in virtual time, driven by {@code clock}; for tests.
		 * @param clock the clock that decides when timers fire
		 * @return this builder
		 */
		public Builder clock(ManualClock clock) {
			this.clock = Objects.requireNonNull(clock, "clock");
			return this;
		}

		/**
		 * Builds the runtime.
		 * @return a new runtime
		 */
		public Runtime build() {
			return new Runtime(this);
		}
	}
}
