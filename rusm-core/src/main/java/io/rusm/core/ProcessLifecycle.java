package io.rusm.core;

import java.util.concurrent.ThreadFactory;

import org.jspecify.annotations.Nullable;

/**
 * How a process comes and goes: spawning (one table write, then its tags, link and name, then its
 * thread), staging an exit, and the teardown that runs on the process's own thread however it
 * ends. Teardown releases what the process held, one component at a time, in this order:
 * <ol>
 * <li>the process marks itself exiting and hands over its {@link Relations} (nothing can be added
 * after that);</li>
 * <li>the {@link ProcessTable} drops it and counts it finished;</li>
 * <li>the {@link Census} stops counting its label;</li>
 * <li>the {@link NameRegistry} releases its names;</li>
 * <li>the {@link ProcessGroups} release its tags;</li>
 * <li>the {@link TimerService} drops its pending timers;</li>
 * <li>{@link LinksAndMonitors} drop its monitors, fire the watches on it (monitors get a
 * {@code Down}, pending calls fail) and send its exit over its links;</li>
 * <li>the lifecycle log and the census line hear of it;</li>
 * <li>{@link ProcessHandle#join()} returns, and the {@link ExitListeners} are told.</li>
 * </ol>
 */
final class ProcessLifecycle {

	/**
	 * Makes the process object; the facade supplies it, since the object is also the process's
	 * public {@link Context}.
	 */
	@FunctionalInterface
	interface Factory {

		Proc create(ProcessLifecycle lifecycle, ProcessBody body, SpawnOptions options, boolean processControl);
	}

	final MailboxPolicy policy;

	private final LogLevel logLevel;

	private final Factory factory;

	private final ThreadFactory threads = Thread.ofVirtual().factory();

	private final ProcessTable table;

	private final NameRegistry registry;

	private final ProcessGroups groups;

	private final LinksAndMonitors links;

	private final Census census;

	private final TimerService timers;

	private final ExitListeners exitListeners;

	private final Keeper keeper;

	private final Shutdown shutdown;

	ProcessLifecycle(MailboxPolicy policy, LogLevel logLevel, Factory factory, ProcessTable table,
			NameRegistry registry, ProcessGroups groups, LinksAndMonitors links, Census census, TimerService timers,
			ExitListeners exitListeners, Keeper keeper, Shutdown shutdown) {
		this.policy = policy;
		this.logLevel = logLevel;
		this.factory = factory;
		this.table = table;
		this.registry = registry;
		this.groups = groups;
		this.links = links;
		this.census = census;
		this.timers = timers;
		this.exitListeners = exitListeners;
		this.keeper = keeper;
		this.shutdown = shutdown;
	}

	Thread newThread(Runnable runnable) {
		return this.threads.newThread(runnable);
	}

	// ---------------------------------------------------------------- hibernation

	/** A new thread for a process woken from hibernation, known to the table as the process's. */
	Thread resumed(Proc process) {
		Thread next = newThread(process);
		this.table.addResumed(next, process);
		return next;
	}

	/** Forgets the thread a hibernating process let go. */
	void hibernated(Proc process, Thread left) {
		this.table.removeResumed(left, process);
	}

	// ---------------------------------------------------------------- spawning

	/**
	 * Creates, registers and starts a process. The name is claimed last, so whoever finds the
	 * process by its name also finds its tags and link in place; if the name is taken the process
	 * is abandoned before its thread starts and {@code null} is returned.
	 */
	@Nullable ProcessHandle start(SpawnOptions options, @Nullable String name, ProcessBody body,
			boolean processControl) {
		this.shutdown.requireOpen();
		Proc process = this.factory.create(this, body, options, processControl);
		this.table.add(process);
		if (this.shutdown.isClosing()) {
			// A shutdown began after the check above and may have missed this process: undo.
			this.table.remove(process);
			this.shutdown.requireOpen();
		}
		for (String tag : options.tags()) {
			this.groups.join(tag, process);
		}
		Pid linkTo = options.linkTo();
		if (linkTo != null) {
			this.links.linkAtSpawn(process, linkTo);
		}
		Pid watcher = options.monitoredBy();
		MonitorRef monitor = (watcher != null) ? this.links.monitorAtSpawn(process, watcher) : null;
		if (name != null && !this.registry.claim(name, process)) {
			abandon(process);
			return null;
		}
		this.table.countSpawned();
		this.keeper.ensureRunning();
		String label = options.label();
		if (label != null) {
			this.census.labels().add(label);
			if (this.logLevel.includes(LogLevel.DEBUG)) {
				LifecycleLog.spawned(process.pid, label);
			}
			this.census.changed();
		}
		process.start();
		return new ProcessHandle(process, monitor);
	}

	/**
	 * Undoes a process that lost the race for its name before its thread started: it leaves its
	 * groups and its parent's links and the table, and is never counted as spawned.
	 */
	private void abandon(Proc process) {
		Relations held = process.closeRelations();
		this.groups.release(held.tags(), process);
		this.links.forget(process, held);
		this.table.remove(process);
	}

	// ---------------------------------------------------------------- ending

	/**
	 * Ends {@code pid} with {@code reason} at its next blocking call; a kill is logged first.
	 * @return whether a live process was found
	 */
	boolean exit(Pid pid, ExitReason reason) {
		Proc process = this.table.live(pid);
		if (process == null) {
			return false;
		}
		if (reason == ExitReason.KILLED && this.logLevel.includes(LogLevel.INFO)) {
			// Before the signal: the killed process logs its exit on its own thread right after.
			LifecycleLog.killed(pid, process.label());
		}
		process.stageExit(reason);
		return true;
	}

	/** Kills every member of {@code tag}; returns how many this call told to exit. */
	int killTag(String tag) {
		int killed = Proc.stageExit(this.groups.members(tag), ExitReason.KILLED);
		if (this.logLevel.includes(LogLevel.INFO)) {
			LifecycleLog.killedTag(tag, killed);
		}
		return killed;
	}

	/**
	 * Runs on the ending process's own thread, whatever ended it: releases everything it held and
	 * tells everyone who watched it, in the order this class documents.
	 */
	void teardown(Proc process, ExitReason reason) {
		Relations held = process.closeRelations();
		this.table.removeFinished(process);
		this.table.removeResumed(Thread.currentThread(), process);
		String label = process.label();
		if (label != null) {
			this.census.labels().remove(label);
		}
		this.registry.release(held.names(), process);
		this.groups.release(held.tags(), process);
		this.timers.drop(held.detachTimers());
		this.links.release(process, held, reason);
		boolean logged = label != null || reason instanceof ExitReason.Crashed;
		if (logged && this.logLevel.includes(LogLevel.forExit(reason))) {
			LifecycleLog.exited(process.pid, label, reason);
		}
		if (label != null || !held.tags().isEmpty()) {
			this.census.changed();
		}
		process.exitReason = reason;
		this.exitListeners.exited(process, held, reason);
	}
}
