package io.rusm.core;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;

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
 * running with one non-daemon thread, until it is shut down (unless built with
 * {@link Builder#keepAlive(boolean) keepAlive(false)}).
 *
 * @since 0.1.0
 */
public final class Runtime implements AutoCloseable {

	/** How long {@link #close()} takes at most: processes get that long to stop, and are killed near its end. */
	public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

	// Each component owns its state and locking; see docs/architecture.md.

	private final ProcessTable table;

	private final NameRegistry registry;

	private final ProcessGroups groups;

	private final LinksAndMonitors links;

	private final Census census;

	private final TimerService timers;

	private final Calls calls;

	private final ExitListeners exitListeners;

	private final Shutdown shutdown;

	private final ProcessLifecycle lifecycle;

	private volatile @Nullable RemoteProcesses remote;

	private final Object remoteLock = new Object();

	private Runtime(Builder builder) {
		this.table = new ProcessTable();
		this.registry = new NameRegistry(this.table);
		this.timers = new TimerService(builder.clock);
		this.census = new Census(builder.logLevel.includes(LogLevel.INFO) ? this.timers : null, builder.censusDebounce,
				this::tagCounts);
		this.groups = new ProcessGroups(this.census);
		this.links = new LinksAndMonitors(this.table);
		this.calls = new Calls(this.table, this.links);
		this.exitListeners = new ExitListeners(builder.exitListener);
		Keeper keeper = new Keeper(this.table, builder.keepAlive);
		this.shutdown = new Shutdown(this.table, this.timers, keeper, builder.logLevel);
		MailboxPolicy policy = new MailboxPolicy(builder.trackDepth, builder.mailboxCapacity,
				builder.contextPropagator);
		ProcessLifecycle.Factory processes = (lifecycle, body, options, processControl) -> new ProcessContext(this,
				lifecycle, body, options, processControl);
		this.lifecycle = new ProcessLifecycle(policy, builder.logLevel, processes, this.table, this.registry,
				this.groups, this.links, this.census, this.timers, this.exitListeners, keeper, this.shutdown);
	}

	/**
	 * Creates a runtime with the defaults: unbounded mailboxes without depth tracking, crashes
	 * logged at ERROR, no exit listener, the JVM kept alive while processes live.
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
		return started(options, start(options, options.name(), body, parent.processControl && hasProcessControl(options)));
	}

	private static boolean hasProcessControl(SpawnOptions options) {
		return options.capabilities().contains(Capability.PROCESS_CONTROL);
	}

	private @Nullable ProcessHandle start(SpawnOptions options, @Nullable String name, ProcessBody body,
			boolean processControl) {
		Objects.requireNonNull(body, "body");
		return this.lifecycle.start(options, name, body, processControl);
	}

	private ProcessHandle started(SpawnOptions options, @Nullable ProcessHandle handle) {
		if (handle == null) {
			throw new IllegalStateException("name '" + options.name() + "' is already registered to "
					+ whereis(Objects.requireNonNull(options.name())).map(Pid::toString).orElse("another process"));
		}
		return handle;
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
			Proc incumbent = this.registry.holder(name);
			if (incumbent != null) {
				return incumbent.pid;
			}
			ProcessHandle started = start(options, name, body, hasProcessControl(options));
			if (started != null) {
				return started.pid();
			}
		}
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
		RemoteProcesses remote = remoteFor(pid);
		if (remote != null) {
			return remote.exit(pid, ExitReason.KILLED);
		}
		return this.lifecycle.exit(pid, ExitReason.KILLED);
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
		RemoteProcesses remote = remoteFor(pid);
		if (remote != null) {
			return remote.exit(pid, reason);
		}
		return this.lifecycle.exit(pid, reason);
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
		RemoteProcesses remote = remoteFor(pid);
		if (remote != null) {
			return remote.signalExit(pid, reason);
		}
		return this.links.signalExit(Pid.SYSTEM, pid, reason);
	}

	/** An exit signal from process {@code from}, as a supervisor sends its children. */
	boolean signalExit(Pid from, Pid target, ExitReason reason) {
		return this.links.signalExit(from, target, reason);
	}

	/**
	 * Adds a listener told about every process exit from now on, beside the one set on the
	 * builder; a starter or a test can attach to a runtime someone else built. With no listener the
	 * exit path costs one volatile read.
	 * @param listener the listener; quick and non-blocking, as for
	 * {@link Builder#exitListener(ExitListener)}
	 */
	public void addExitListener(ExitListener listener) {
		this.exitListeners.add(Objects.requireNonNull(listener, "listener"));
	}

	/**
	 * Removes a listener added with {@link #addExitListener(ExitListener)} (or set on the builder).
	 * @param listener the listener
	 * @return whether it was registered
	 */
	public boolean removeExitListener(ExitListener listener) {
		return this.exitListeners.remove(Objects.requireNonNull(listener, "listener"));
	}

	// ------------------------------------------------------------------ other nodes

	/**
	 * Routes every operation on a pid of another node ({@link Pid#node()} other than {@code 0}) to
	 * {@code remote}: how a cluster layer makes {@code send}, {@code call}, {@code link},
	 * {@code monitor}, {@code kill}, {@code exit}, {@code signalExit} and {@code isAlive} location
	 * transparent. Operations on local pids are unaffected.
	 * @param remote the router of the cluster this runtime joined
	 * @throws IllegalStateException if another router is installed
	 */
	public void connect(RemoteProcesses remote) {
		Objects.requireNonNull(remote, "remote");
		synchronized (this.remoteLock) {
			if (this.remote != null && this.remote != remote) {
				throw new IllegalStateException("this runtime is already connected to a cluster");
			}
			this.remote = remote;
		}
	}

	/**
	 * Removes a router installed with {@link #connect(RemoteProcesses)}: remote pids behave as dead
	 * processes again.
	 * @param remote the router to remove
	 * @return whether it was installed
	 */
	public boolean disconnect(RemoteProcesses remote) {
		Objects.requireNonNull(remote, "remote");
		synchronized (this.remoteLock) {
			if (this.remote != remote) {
				return false;
			}
			this.remote = null;
			return true;
		}
	}

	/** The router for {@code pid} if it is remote and a cluster is connected; {@code null} otherwise. */
	private @Nullable RemoteProcesses remoteFor(Pid pid) {
		return pid.isLocal() ? null : this.remote;
	}

	/** The router if exactly one of two pids is remote and a cluster is connected. */
	private @Nullable RemoteProcesses remoteFor(Pid a, Pid b) {
		return (a.isLocal() == b.isLocal()) ? null : this.remote;
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
		RemoteProcesses remote = remoteFor(pid);
		if (remote != null) {
			return remote.send(pid, message);
		}
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
		Proc process = this.registry.holder(name);
		return process != null && process.deliver(message) == Delivery.DELIVERED;
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
		RemoteProcesses remote = remoteFor(pid);
		if (remote != null) {
			return remote.call(pid, request, timeout);
		}
		Proc callee = this.table.live(pid);
		if (callee == null) {
			throw new NoProcessException("no process " + pid);
		}
		return this.calls.call(callee, request, timeout);
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
		Proc callee = this.registry.holder(name);
		if (callee == null) {
			throw new NoProcessException("no process registered as '" + name + "'");
		}
		return this.calls.call(callee, request, timeout);
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
		RemoteProcesses remote = remoteFor(a, b);
		if (remote != null) {
			remote.link(a.isLocal() ? a : b, a.isLocal() ? b : a);
			return;
		}
		this.links.link(a, b);
	}

	/**
	 * Removes the link between two processes, in both directions.
	 * @param a one process
	 * @param b the other
	 */
	public void unlink(Pid a, Pid b) {
		Objects.requireNonNull(a, "a");
		Objects.requireNonNull(b, "b");
		RemoteProcesses remote = remoteFor(a, b);
		if (remote != null) {
			remote.unlink(a.isLocal() ? a : b, a.isLocal() ? b : a);
			return;
		}
		this.links.unlink(a, b);
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
		RemoteProcesses remote = remoteFor(target);
		if (remote != null && watcher.isLocal()) {
			return remote.monitor(watcher, target);
		}
		return this.links.monitor(watcher, target);
	}

	/**
	 * Removes a monitor; its {@code Down} will not be sent.
	 * @param ref the monitor
	 * @return whether it was still in place
	 */
	public boolean demonitor(MonitorRef ref) {
		Objects.requireNonNull(ref, "ref");
		RemoteProcesses remote = remoteFor(ref.target());
		if (remote != null) {
			return remote.demonitor(ref);
		}
		return this.links.demonitor(ref);
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
		return process != null && this.registry.claim(name, process);
	}

	/**
	 * Looks up a registered name. A holder's names are released as its teardown begins, before its
	 * exit is reported to monitors, links or {@code join}; once that is reported, the name is gone.
	 * @param name the name; not blank
	 * @return the process holding it, if any
	 */
	public Optional<Pid> whereis(String name) {
		Objects.requireNonNull(name, "name");
		Optional<Pid> holder = this.registry.whereis(name);
		if (holder.isEmpty()) {
			// Only a miss is checked: a name found was checked when it was registered, and a hit
			// then reads none of the name's characters beyond what the map itself compares.
			Arguments.name(name, "name");
		}
		return holder;
	}

	/**
	 * Releases {@code name}.
	 * @param name the name; not blank
	 * @return whether it was registered
	 */
	public boolean unregister(String name) {
		Arguments.name(name, "name");
		return this.registry.unregister(name);
	}

	/**
	 * Every registered name and its holder.
	 * @return a sorted snapshot
	 */
	public SortedMap<String, Pid> registered() {
		return this.registry.snapshot();
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
		return process != null && this.groups.join(tag, process);
	}

	/**
	 * The live members of the process group {@code tag}.
	 * @param tag the tag; not blank
	 * @return the members in pid order; empty for an unknown tag
	 */
	public List<Pid> whereisTag(String tag) {
		Arguments.name(tag, "tag");
		return this.groups.livePids(tag);
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
		return process != null && this.groups.leave(tag, process);
	}

	/**
	 * Kills every live member of the process group {@code tag}: scoped cancellation of a whole unit
	 * of work in one call.
	 * @param tag the group
	 * @return how many members were told to exit by this call ({@code 0} for an unknown tag)
	 */
	public int killTag(String tag) {
		Arguments.name(tag, "tag");
		return this.lifecycle.killTag(tag);
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
		return this.table.spawned();
	}

	/**
	 * How many processes have ended, for any reason.
	 * @return the exit count
	 */
	public long finished() {
		return this.table.finished();
	}

	/**
	 * How many user messages bounded mailboxes shed; always {@code 0} without a capacity. A rising
	 * count means producers outrun a consumer.
	 * @return the shed count
	 */
	public long droppedMessages() {
		return this.lifecycle.policy.dropped();
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
		RemoteProcesses remote = remoteFor(pid);
		if (remote != null) {
			return remote.isAlive(pid);
		}
		return this.table.contains(pid);
	}

	/**
	 * The live processes (Erlang's {@code processes()}).
	 * @return their pids in order; a snapshot
	 */
	public List<Pid> list() {
		return this.table.pids();
	}

	/**
	 * The live processes as a view of the process table rather than a copy: walking it costs no
	 * allocation per process and no sort, so a caller that only needs a few of many processes (the
	 * first page by pid, a count) can walk the table once. The view is unmodifiable, in no
	 * particular order and weakly consistent: a walk sees every process that stayed alive
	 * throughout, and may or may not see those spawned or ended meanwhile. Use {@link #list()}
	 * for an ordered snapshot.
	 * @return the pids of the live processes, in no particular order
	 */
	public Collection<Pid> pids() {
		return this.table.pidView();
	}

	/**
	 * Describes a live process (Erlang's {@code process_info/1}).
	 * @param pid the process
	 * @return its description, or empty if it is not alive
	 */
	public Optional<ProcessInfo> info(Pid pid) {
		Objects.requireNonNull(pid, "pid");
		Proc process = this.table.live(pid);
		return (process != null) ? Optional.of(process.info()) : Optional.empty();
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
		return process != null && this.census.relabel(process, label);
	}

	/**
	 * Live processes per label; unlabeled processes are not counted.
	 * @return label to live count, sorted by label
	 */
	public SortedMap<String, Integer> census() {
		return this.census.snapshot();
	}

	/**
	 * Live members per process group. The counts are kept as processes join and leave groups and
	 * exit, so this costs one entry per group however many processes are tagged.
	 * @return tag to live count, sorted by tag
	 */
	public SortedMap<String, Integer> tagCounts() {
		return this.groups.counts();
	}

	/**
	 * Where a live process is now: the stack of its virtual thread, innermost frame first. This is
	 * how to see where a process that does not end is stuck, such as one whose
	 * {@link ProcessInfo#state()} stays {@link ProcessInfo.State#EXITING EXITING}.
	 * @param pid the process
	 * @return its stack (empty before its thread first ran), or empty if it is not alive
	 */
	public Optional<List<StackTraceElement>> stackTrace(Pid pid) {
		Objects.requireNonNull(pid, "pid");
		Proc process = this.table.get(pid);
		return (process != null) ? Optional.of(process.stackTrace()) : Optional.empty();
	}

	/** The runtime's clock in nanoseconds: virtual time with a {@link ManualClock}, else real time. */
	long nanoTime() {
		return this.timers.now();
	}

	// ------------------------------------------------------------------ shutdown

	/**
	 * Kills every live process. The runtime stays usable.
	 * @return how many processes were told to exit
	 */
	public int shutdown() {
		return this.shutdown.killAll();
	}

	/**
	 * Stops the runtime in order: new spawns are refused; processes that trap exits receive
	 * {@link Signal.Exit} from {@link Pid#SYSTEM} with {@link ExitReason#SHUTDOWN} so they can drain
	 * their mailbox and return; the others end with {@code SHUTDOWN}. Processes still running near
	 * the end of {@code timeout} (a tenth of it, at most 100 ms, before) are killed, and the call
	 * returns once {@code timeout} passed at the latest. A process that is still running then (a
	 * body that never blocks ignores a kill, see {@link Context#checkExit()}) is counted in
	 * {@link ShutdownReport#stillRunning()} and logged at WARN with its label, pid and stack.
	 * @param timeout how long the shutdown takes at most
	 * @return how many were signalled, ended in time, were killed, and are still running
	 */
	public ShutdownReport shutdownGracefully(Duration timeout) {
		return this.shutdown.graceful(Arguments.nonNegative(timeout, "timeout"));
	}

	/**
	 * Whether {@link #shutdownGracefully(Duration)} or {@link #close()} has begun.
	 * @return whether new spawns are refused
	 */
	public boolean isShuttingDown() {
		return this.shutdown.isClosing();
	}

	/**
	 * Shuts the runtime down gracefully within {@link #DEFAULT_SHUTDOWN_TIMEOUT} in total; later
	 * calls do nothing.
	 */
	@Override
	public void close() {
		this.shutdown.close(DEFAULT_SHUTDOWN_TIMEOUT);
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

		private LogLevel logLevel = LogLevel.ERROR;

		private boolean keepAlive = true;

		private Duration censusDebounce = Census.DEFAULT_DEBOUNCE;

		private @Nullable ExitListener exitListener;

		private @Nullable ManualClock clock;

		private @Nullable ContextPropagator contextPropagator;

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
		 * Sets the level of the lifecycle log {@code io.rusm.lifecycle} (default {@link LogLevel#ERROR}:
		 * every crash is logged with its exception, as Erlang writes a crash report). Spawns and exits
		 * are logged for labeled processes, the components an application named; crashes are logged
		 * for every process. At {@link LogLevel#INFO} and above a debounced census
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
		 * Sets whether the runtime keeps the JVM alive while it has processes (default
		 * {@code true}). Virtual threads are daemon threads, so a {@code main} that spawns and
		 * returns would otherwise end them at once; a benchmark or command-line tool that leaves
		 * processes behind turns it off so the JVM exits when {@code main} returns.
		 * @param keepAlive whether to keep the JVM alive
		 * @return this builder
		 */
		public Builder keepAlive(boolean keepAlive) {
			this.keepAlive = keepAlive;
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
		 * Carries a context (a trace, say) with every message, from the sender's thread to the
		 * process that handles it (none by default: then nothing is captured and nothing allocated
		 * per message).
		 * @param propagator what captures the sender's context and restores it in the receiver
		 * @return this builder
		 */
		public Builder contextPropagator(ContextPropagator propagator) {
			this.contextPropagator = Objects.requireNonNull(propagator, "propagator");
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
