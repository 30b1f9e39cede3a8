package io.rusm.core;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Links, monitors and exit signals. A link is recorded on both processes, a monitor on both the
 * watcher (so its exit drops the monitor) and the target (so its exit fires it). Each side is
 * changed under its own process's lock, and a side that began to exit refuses additions, so a
 * relation set up while either end dies is either undone here or released by that end's teardown.
 */
final class LinksAndMonitors {

	private final ProcessTable table;

	private final AtomicLong refIds = new AtomicLong();

	LinksAndMonitors(ProcessTable table) {
		this.table = table;
	}

	/** A new reference for a monitor or a call of {@code watcher} on {@code target}. */
	MonitorRef newRef(Pid watcher, Pid target) {
		return new MonitorRef(this.refIds.incrementAndGet(), watcher, target);
	}

	// ---------------------------------------------------------------- links

	void link(Pid a, Pid b) {
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

	void unlink(Pid a, Pid b) {
		Proc first = this.table.get(a);
		Proc second = this.table.get(b);
		if (first != null) {
			first.removeLinkTo(b);
		}
		if (second != null) {
			second.removeLinkTo(a);
		}
	}

	/** Links a child that has not started yet to its parent; a dead parent means NOPROC for it. */
	void linkAtSpawn(Proc child, Pid parentPid) {
		Proc parent = this.table.get(parentPid);
		if (parent != null && parent.addLink(child)) {
			child.addLink(parent);
		}
		else {
			signalExit(parentPid, child, ExitReason.NOPROC);
		}
	}

	// ---------------------------------------------------------------- monitors

	MonitorRef monitor(Pid watcher, Pid target) {
		MonitorRef ref = newRef(watcher, target);
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
	 * Makes {@code watcherPid} monitor a child that has not started yet, so its {@code Down} carries
	 * the real reason however soon it ends; a dead watcher monitors nothing.
	 */
	MonitorRef monitorAtSpawn(Proc child, Pid watcherPid) {
		MonitorRef ref = newRef(watcherPid, child.pid);
		Proc watcher = this.table.get(watcherPid);
		if (watcher != null && watcher.addWatching(ref)) {
			child.addWatcher(new Watch.ByProcess(ref, watcher));
			if (watcher.isExiting()) {
				child.removeWatcher(ref);
			}
		}
		return ref;
	}

	boolean demonitor(MonitorRef ref) {
		Proc watcher = this.table.get(ref.watcher());
		if (watcher != null) {
			watcher.forgetWatching(ref);
		}
		Proc target = this.table.get(ref.target());
		return target != null && target.removeWatcher(ref);
	}

	// ---------------------------------------------------------------- exit signals

	/**
	 * Sends an exit signal as Erlang does: a trapping process receives it as a {@link Signal.Exit};
	 * any other ends with an abnormal reason and ignores a normal one.
	 * @return whether the target was alive
	 */
	boolean signalExit(Pid from, Pid target, ExitReason reason) {
		Proc process = this.table.get(target);
		if (process == null) {
			return false;
		}
		signalExit(from, process, reason);
		return true;
	}

	private static void signalExit(Pid from, Proc target, ExitReason reason) {
		if (target.trapExit()) {
			target.deliverSignal(new Signal.Exit(from, reason));
		}
		else if (reason.isAbnormal()) {
			target.stageExit(reason);
		}
	}

	// ---------------------------------------------------------------- at exit

	/**
	 * Releases what an exiting process held here: its monitors of others are dropped, its watchers
	 * fire, and its exit goes over its links.
	 */
	void release(Proc process, Relations held, ExitReason reason) {
		for (MonitorRef ref : held.watching()) {
			Proc target = this.table.get(ref.target());
			if (target != null) {
				target.removeWatcher(ref);
			}
		}
		for (Watch watch : held.watchers()) {
			watch.fire(reason);
		}
		for (Proc peer : held.links()) {
			peer.removeLinkTo(process.pid);
			signalExit(process.pid, peer, reason);
		}
	}

	/**
	 * Makes the peers of a process that never started forget their links to it, without a signal;
	 * its watchers learn that it does not exist.
	 */
	void forget(Proc process, Relations held) {
		for (Watch watch : held.watchers()) {
			watch.fire(ExitReason.NOPROC);
		}
		for (Proc peer : held.links()) {
			peer.removeLinkTo(process.pid);
		}
	}
}
