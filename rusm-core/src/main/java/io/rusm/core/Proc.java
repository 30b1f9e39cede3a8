package io.rusm.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * One process: its virtual thread, its mailbox, and the little state the runtime keeps for it.
 *
 * <p>The mailbox is a multi-producer, single-consumer linked queue; the owner parks while it is
 * empty, and a sender unparks it only if it announced that it parked. The fields describing
 * relations to other processes (links, monitors, names, tags, timers) stay {@code null} until used
 * and are guarded by this object's monitor; once {@link #exiting} is set under that monitor nothing
 * can be added to them, which is what makes teardown race-free against register, link and monitor.
 */
final class Proc extends MailboxNode implements Context, Runnable {

	private static final VarHandle TAIL;

	private static final VarHandle PARKED;

	private static final VarHandle DEPTH;

	private static final VarHandle STAGED;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			TAIL = lookup.findVarHandle(Proc.class, "tail", MailboxNode.class);
			PARKED = lookup.findVarHandle(Proc.class, "parked", boolean.class);
			DEPTH = lookup.findVarHandle(Proc.class, "depth", int.class);
			STAGED = lookup.findVarHandle(Proc.class, "staged", ExitReason.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	final Runtime runtime;

	final Pid pid;

	final Thread thread;

	final long startedAtMillis;

	final boolean processControl;

	private @Nullable ProcessBody body;

	/** Producers' end of the mailbox queue; starts at this object, the stub. */
	private volatile MailboxNode tail = this;

	/** Consumer's end of the mailbox queue: the last node taken. */
	private MailboxNode head = this;

	/** Set by the owner just before it parks on an empty mailbox. */
	private volatile boolean parked;

	/** Items sent but not yet received; maintained only when the runtime tracks depth. */
	private volatile int depth;

	/** Items skipped by a selective receive, in arrival order; created on first use. */
	private @Nullable ArrayDeque<Object> saved;

	/** The reason this process will end with, once someone decided it must; final once it ends. */
	private volatile @Nullable ExitReason staged;

	/** Set when the process has ended and its teardown ran; read by {@link ProcessHandle#join()}. */
	volatile @Nullable ExitReason exitReason;

	private volatile @Nullable String label;

	private volatile boolean trapExit;

	/** Set, under this object's monitor, when teardown begins; nothing can be added afterwards. */
	private volatile boolean exiting;

	// Guarded by this:

	private @Nullable List<Proc> links;

	private @Nullable List<Watch> watchers;

	private @Nullable Set<MonitorRef> watching;

	private @Nullable List<String> names;

	private @Nullable List<String> tags;

	private @Nullable TimerRef timers;

	Proc(Runtime runtime, ProcessBody body, boolean processControl, @Nullable String label, boolean trapExit) {
		this.runtime = runtime;
		this.body = body;
		this.processControl = processControl;
		this.label = label;
		this.trapExit = trapExit;
		this.thread = runtime.newThread(this);
		this.pid = new Pid(this.thread.threadId());
		this.startedAtMillis = System.currentTimeMillis();
	}

	// ---------------------------------------------------------------- lifecycle

	@Override
	public void run() {
		ExitReason ending = ExitReason.NORMAL;
		try {
			ProcessBody toRun = this.body;
			this.body = null;
			if (toRun != null && this.staged == null) {
				toRun.run(this);
			}
		}
		catch (ProcessExitException ex) {
			ending = ex.reason();
		}
		catch (Throwable ex) {
			ending = ExitReason.crashed(ex);
		}
		finally {
			this.runtime.teardown(this, finalReason(ending));
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
	boolean stageExit(ExitReason reason) {
		boolean staged = STAGED.compareAndSet(this, (ExitReason) null, reason);
		if (staged) {
			this.thread.interrupt();
		}
		return staged;
	}

	/** Throws if this process has been told to end, keeping the interrupt so JDK blocking calls fail too. */
	void checkExit() {
		ExitReason reason = this.staged;
		if (reason != null) {
			Thread.currentThread().interrupt();
			throw new ProcessExitException(reason);
		}
	}

	boolean isExitStaged() {
		return this.staged != null;
	}

	// ---------------------------------------------------------------- mailbox, producer side

	/** Delivers a user message, subject to the runtime's mailbox capacity. */
	Delivery deliver(Object message) {
		int capacity = this.runtime.mailboxCapacity;
		if (capacity > 0) {
			int current;
			do {
				current = this.depth;
				if (current >= capacity) {
					this.runtime.countDropped();
					return Delivery.SHED;
				}
			}
			while (!DEPTH.compareAndSet(this, current, current + 1));
		}
		else if (this.runtime.trackDepth) {
			DEPTH.getAndAdd(this, 1);
		}
		enqueue(message);
		return Delivery.DELIVERED;
	}

	/** Delivers a system item (exit signals, monitor downs), which is never shed. */
	void deliverSignal(Object signal) {
		if (this.runtime.trackDepth) {
			DEPTH.getAndAdd(this, 1);
		}
		enqueue(signal);
	}

	private void enqueue(Object item) {
		MailboxNode node = new MailboxNode(item);
		MailboxNode previous = (MailboxNode) TAIL.getAndSet(this, node);
		previous.next = node;
		if (this.parked && PARKED.compareAndSet(this, true, false)) {
			LockSupport.unpark(this.thread);
		}
	}

	// ---------------------------------------------------------------- mailbox, consumer side

	private @Nullable Object poll() {
		MailboxNode next = this.head.next;
		if (next == null) {
			return null;
		}
		this.head.next = null;
		this.head = next;
		Object item = next.item;
		next.item = null;
		return item;
	}

	/**
	 * Takes the next item from the queue, parking until one arrives or the deadline passes.
	 * @param deadline a {@link System#nanoTime()} deadline, or {@link Long#MAX_VALUE} for none
	 */
	private @Nullable Object take(long deadline) {
		for (;;) {
			checkExit();
			Object item = poll();
			if (item != null) {
				return item;
			}
			this.parked = true;
			item = poll();
			if (item != null) {
				this.parked = false;
				return item;
			}
			checkExit();
			if (deadline == Long.MAX_VALUE) {
				LockSupport.park(this);
			}
			else {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					this.parked = false;
					return null;
				}
				LockSupport.parkNanos(this, remaining);
			}
			this.parked = false;
			if (Thread.interrupted()) {
				checkExit();
			}
		}
	}

	private Object consumed(Object item) {
		if (this.runtime.trackDepth) {
			DEPTH.getAndAdd(this, -1);
		}
		if (item instanceof Signal.Down down) {
			forgetWatching(down.ref());
		}
		else if (item instanceof StreamHandle stream) {
			stream.bindReader(this);
		}
		return item;
	}

	private void requireOwner(String operation) {
		if (Thread.currentThread() != this.thread) {
			throw new IllegalStateException(operation + " may only be called by the process " + this.pid + " itself");
		}
	}

	@Override
	public Object receive() {
		requireOwner("receive");
		ArrayDeque<Object> saved = this.saved;
		if (saved != null && !saved.isEmpty()) {
			checkExit();
			return consumed(saved.poll());
		}
		Object item = take(Long.MAX_VALUE);
		return consumed(Objects.requireNonNull(item));
	}

	@Override
	public Optional<Object> receive(Duration timeout) {
		return receive(anything -> true, timeout);
	}

	@Override
	public Object receive(Predicate<Object> matcher) {
		Objects.requireNonNull(matcher, "matcher");
		return receiveMatching(matcher, Long.MAX_VALUE).orElseThrow();
	}

	@Override
	public Optional<Object> receive(Predicate<Object> matcher, Duration timeout) {
		Objects.requireNonNull(matcher, "matcher");
		long nanos = Arguments.nanos(Arguments.nonNegative(timeout, "timeout"));
		long now = System.nanoTime();
		long deadline = (nanos >= Long.MAX_VALUE - now) ? Long.MAX_VALUE - 1 : now + nanos;
		return receiveMatching(matcher, deadline);
	}

	private Optional<Object> receiveMatching(Predicate<Object> matcher, long deadline) {
		requireOwner("receive");
		checkExit();
		ArrayDeque<Object> saved = this.saved;
		if (saved != null && !saved.isEmpty()) {
			Iterator<Object> candidates = saved.iterator();
			while (candidates.hasNext()) {
				Object candidate = candidates.next();
				if (matcher.test(candidate)) {
					candidates.remove();
					return Optional.of(consumed(candidate));
				}
			}
		}
		for (;;) {
			Object item = take(deadline);
			if (item == null) {
				return Optional.empty();
			}
			if (matcher.test(item)) {
				return Optional.of(consumed(item));
			}
			if (this.saved == null) {
				this.saved = new ArrayDeque<>();
			}
			this.saved.add(item);
		}
	}

	@Override
	public void sleep(Duration duration) {
		requireOwner("sleep");
		long nanos = Arguments.nanos(Arguments.nonNegative(duration, "duration"));
		long deadline = System.nanoTime() + nanos;
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

	// ---------------------------------------------------------------- Context

	@Override
	public Pid self() {
		return this.pid;
	}

	@Override
	public Runtime runtime() {
		return this.runtime;
	}

	@Override
	public Set<Capability> capabilities() {
		return this.processControl ? EnumSet.of(Capability.PROCESS_CONTROL) : EnumSet.noneOf(Capability.class);
	}

	@Override
	public boolean register(String name) {
		return this.runtime.register(name, this.pid);
	}

	@Override
	public boolean registerTag(String tag) {
		return this.runtime.registerTag(tag, this.pid);
	}

	@Override
	public void setLabel(String label) {
		this.runtime.setLabel(this.pid, label);
	}

	@Override
	public void trapExits(boolean trap) {
		this.trapExit = trap;
	}

	@Override
	public void link(Pid peer) {
		this.runtime.link(this.pid, peer);
	}

	@Override
	public MonitorRef monitor(Pid target) {
		return this.runtime.monitor(this.pid, target);
	}

	@Override
	public ProcessHandle spawn(ProcessBody body) {
		return spawn(SpawnOptions.DEFAULT, body);
	}

	@Override
	public ProcessHandle spawn(SpawnOptions options, ProcessBody body) {
		return this.runtime.spawnFrom(this, options, body);
	}

	@Override
	public ProcessHandle spawnLink(ProcessBody body) {
		return spawn(SpawnOptions.builder().linkTo(this.pid).build(), body);
	}

	@Override
	public boolean kill(Pid target) {
		Objects.requireNonNull(target, "target");
		return this.processControl && this.runtime.kill(target);
	}

	@Override
	public boolean exit(Pid target, ExitReason reason) {
		Objects.requireNonNull(target, "target");
		Objects.requireNonNull(reason, "reason");
		return this.processControl && this.runtime.exit(target, reason);
	}

	@Override
	public int killTag(String tag) {
		Arguments.name(tag, "tag");
		return this.processControl ? this.runtime.killTag(tag) : 0;
	}

	// ---------------------------------------------------------------- guarded relations

	boolean isTrappingExits() {
		return this.trapExit;
	}

	void setTrapExit(boolean trap) {
		this.trapExit = trap;
	}

	@Nullable String label() {
		return this.label;
	}

	/** Changes the label, moving this process between the counts of its old and new label. */
	synchronized boolean relabel(String label, LabelCounts counts) {
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

	synchronized boolean addName(String name) {
		if (this.exiting) {
			return false;
		}
		this.names = add(this.names, name);
		return true;
	}

	synchronized void removeName(String name) {
		if (this.names != null) {
			this.names.remove(name);
		}
	}

	boolean isExiting() {
		return this.exiting;
	}

	/** Records membership of {@code tag}; returns null if exiting, else whether it is new. */
	synchronized @Nullable Boolean addTag(String tag) {
		if (this.exiting) {
			return null;
		}
		if (this.tags != null && this.tags.contains(tag)) {
			return Boolean.FALSE;
		}
		this.tags = add(this.tags, tag);
		return Boolean.TRUE;
	}

	synchronized boolean removeTag(String tag) {
		return this.tags != null && this.tags.remove(tag);
	}

	synchronized boolean addLink(Proc peer) {
		if (this.exiting) {
			return false;
		}
		if (this.links == null || !this.links.contains(peer)) {
			this.links = add(this.links, peer);
		}
		return true;
	}

	synchronized void removeLink(Proc peer) {
		if (this.links != null) {
			this.links.remove(peer);
		}
	}

	synchronized void removeLinkTo(Pid peer) {
		if (this.links != null) {
			this.links.removeIf((linked) -> linked.pid.equals(peer));
		}
	}

	synchronized boolean addWatcher(Watch watch) {
		if (this.exiting) {
			return false;
		}
		this.watchers = add(this.watchers, watch);
		return true;
	}

	synchronized void removeWatcher(Watch watch) {
		if (this.watchers != null) {
			this.watchers.remove(watch);
		}
	}

	synchronized boolean removeWatcher(MonitorRef ref) {
		if (this.watchers == null) {
			return false;
		}
		return this.watchers.removeIf((watch) -> watch.ref.equals(ref));
	}

	synchronized boolean addWatching(MonitorRef ref) {
		if (this.exiting) {
			return false;
		}
		if (this.watching == null) {
			this.watching = new HashSet<>();
		}
		this.watching.add(ref);
		return true;
	}

	synchronized boolean forgetWatching(MonitorRef ref) {
		return this.watching != null && this.watching.remove(ref);
	}

	/** Adds a pending timer to this process's list; returns false if the process is exiting. */
	synchronized boolean addTimer(TimerRef timer) {
		if (this.exiting) {
			return false;
		}
		timer.nextOwned = this.timers;
		if (this.timers != null) {
			this.timers.previousOwned = timer;
		}
		this.timers = timer;
		return true;
	}

	synchronized void removeTimer(TimerRef timer) {
		if (timer.previousOwned != null) {
			timer.previousOwned.nextOwned = timer.nextOwned;
		}
		else if (this.timers == timer) {
			this.timers = timer.nextOwned;
		}
		if (timer.nextOwned != null) {
			timer.nextOwned.previousOwned = timer.previousOwned;
		}
		timer.previousOwned = null;
		timer.nextOwned = null;
	}

	/**
	 * Marks the process as exiting and hands over everything it holds; from now on nothing can be
	 * added to it.
	 */
	synchronized Relations closeRelations() {
		this.exiting = true;
		Relations relations = new Relations(this.links, this.watchers, this.watching, this.names, this.tags,
				detachTimers());
		this.links = null;
		this.watchers = null;
		this.watching = null;
		this.names = null;
		this.tags = null;
		this.timers = null;
		return relations;
	}

	private @Nullable List<TimerRef> detachTimers() {
		if (this.timers == null) {
			return null;
		}
		List<TimerRef> detached = new ArrayList<>();
		for (TimerRef timer = this.timers; timer != null;) {
			TimerRef next = timer.nextOwned;
			timer.previousOwned = null;
			timer.nextOwned = null;
			detached.add(timer);
			timer = next;
		}
		return detached;
	}

	synchronized ProcessInfo info() {
		return new ProcessInfo(this.pid, this.label, copy(this.names), Set.copyOf(copy(this.tags)),
				pids(this.links), monitoringPids(), this.depth, this.trapExit,
				Instant.ofEpochMilli(this.startedAtMillis));
	}

	private Set<Pid> monitoringPids() {
		if (this.watchers == null) {
			return Set.of();
		}
		return Set.copyOf(this.watchers.stream().filter(Watch::byProcess).map((watch) -> watch.ref.watcher()).toList());
	}

	private static Set<Pid> pids(@Nullable List<Proc> procs) {
		return (procs != null) ? Set.copyOf(procs.stream().map((proc) -> proc.pid).toList()) : Set.of();
	}

	private static <T> List<T> copy(@Nullable List<T> list) {
		return (list != null) ? List.copyOf(list) : List.of();
	}

	private static <T> List<T> add(@Nullable List<T> list, T element) {
		List<T> target = (list != null) ? list : new ArrayList<>(2);
		target.add(element);
		return target;
	}

	@Override
	public String toString() {
		return "Process" + this.pid;
	}

	/**
	 * What a process held when it began to exit.
	 */
	record Relations(@Nullable List<Proc> links, @Nullable List<Watch> watchers, @Nullable Set<MonitorRef> watching,
			@Nullable List<String> names, @Nullable List<String> tags, @Nullable List<TimerRef> timers) {

		List<String> nameList() {
			return (this.names != null) ? List.copyOf(this.names) : List.of();
		}

		Set<String> tagSet() {
			return (this.tags != null) ? Set.copyOf(this.tags) : Collections.emptySet();
		}
	}
}
