package io.rusm.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What one process holds that involves others: its links, the watches on it (monitors and pending
 * calls), the monitors it holds, its names, its tags and its pending timers. A process creates this
 * object on its first relation, so an idle process with none allocates nothing, and a process
 * whose only relation is one registered name keeps the name instead; each list is created on its
 * first element too.
 *
 * <p>Not thread-safe by itself: its {@link Proc} guards it, and hands it over whole when the
 * process begins to exit, after which nobody changes it.
 */
final class Relations {

	/** What a process that never had a relation hands over at exit; never changed. */
	static final Relations NONE = new Relations();

	private static final int MIN_TIMER_PRUNE = 8;

	private @Nullable List<Proc> links;

	private @Nullable List<Watch> watchers;

	private @Nullable Set<MonitorRef> watching;

	private @Nullable List<String> names;

	private @Nullable List<String> tags;

	/**
	 * The newest timer; the older ones follow through {@link TimerRef#nextOwned}. Ended timers
	 * (fired or cancelled) are not unlinked when they end, which would cost a lock on every cancel:
	 * they are pruned when the list reaches {@link #pruneTimersAt}, or when their heap purges them.
	 */
	private @Nullable TimerRef timers;

	/** Timers in {@link #timers}, pending or ended. */
	private int listedTimers;

	/**
	 * Twice (four times when it found none ended) the pending timers after the last prune, at
	 * least {@value #MIN_TIMER_PRUNE}.
	 */
	private int pruneTimersAt = MIN_TIMER_PRUNE;

	/** Relations holding just {@code name}, for a process that had no other. */
	static Relations named(String name) {
		Relations relations = new Relations();
		relations.addName(name);
		return relations;
	}

	// ---------------------------------------------------------------- links

	void addLink(Proc peer) {
		if (this.links == null || !this.links.contains(peer)) {
			this.links = add(this.links, peer);
		}
	}

	void removeLink(Proc peer) {
		if (this.links != null) {
			this.links.remove(peer);
		}
	}

	void removeLinkTo(Pid peer) {
		if (this.links != null) {
			this.links.removeIf((linked) -> linked.pid.equals(peer));
		}
	}

	List<Proc> links() {
		return (this.links != null) ? this.links : List.of();
	}

	// ---------------------------------------------------------------- monitors and calls

	void addWatcher(Watch watch) {
		this.watchers = add(this.watchers, watch);
	}

	void removeWatcher(Watch watch) {
		if (this.watchers != null) {
			this.watchers.remove(watch);
		}
	}

	boolean removeWatcher(MonitorRef ref) {
		return this.watchers != null && this.watchers.removeIf((watch) -> watch.ref.equals(ref));
	}

	List<Watch> watchers() {
		return (this.watchers != null) ? this.watchers : List.of();
	}

	void addWatching(MonitorRef ref) {
		if (this.watching == null) {
			this.watching = new HashSet<>();
		}
		this.watching.add(ref);
	}

	boolean forgetWatching(MonitorRef ref) {
		return this.watching != null && this.watching.remove(ref);
	}

	Set<MonitorRef> watching() {
		return (this.watching != null) ? this.watching : Set.of();
	}

	// ---------------------------------------------------------------- names and tags

	void addName(String name) {
		this.names = add(this.names, name);
	}

	void removeName(String name) {
		if (this.names != null) {
			this.names.remove(name);
		}
	}

	List<String> names() {
		return (this.names != null) ? this.names : List.of();
	}

	/** Records membership of {@code tag}; returns whether it is new. */
	boolean addTag(String tag) {
		if (this.tags != null && this.tags.contains(tag)) {
			return false;
		}
		this.tags = add(this.tags, tag);
		return true;
	}

	boolean removeTag(String tag) {
		return this.tags != null && this.tags.remove(tag);
	}

	List<String> tags() {
		return (this.tags != null) ? this.tags : List.of();
	}

	// ---------------------------------------------------------------- timers

	void addTimer(TimerRef timer) {
		if (this.listedTimers >= this.pruneTimersAt) {
			pruneTimers();
		}
		timer.nextOwned = this.timers;
		this.timers = timer;
		this.listedTimers++;
	}

	/**
	 * Unlinks the ended timers. Run when the list reached {@link #pruneTimersAt}, so amortized O(1)
	 * per timer added, and when the timer queue purged some of them: ended ones never pile up.
	 */
	void pruneTimers() {
		TimerRef kept = null;
		int count = 0;
		for (TimerRef timer = this.timers; timer != null;) {
			TimerRef next = timer.nextOwned;
			if (timer.isPending()) {
				timer.nextOwned = kept;
				kept = timer;
				count++;
			}
			else {
				timer.nextOwned = null;
			}
			timer = next;
		}
		// A prune that found nothing ended waits for the list to grow fourfold, not twofold: timers
		// that stay pending are walked less often, and the list stays within four times them.
		int growth = (count == this.listedTimers) ? 4 : 2;
		this.timers = kept;
		this.listedTimers = count;
		this.pruneTimersAt = Math.max(MIN_TIMER_PRUNE, count * growth);
	}

	/** Hands the timers over, for teardown to drop: the newest, linking the older ones. */
	@Nullable TimerRef detachTimers() {
		TimerRef newest = this.timers;
		if (newest == null) {
			return null;
		}
		this.timers = null;
		this.listedTimers = 0;
		return newest;
	}

	// ---------------------------------------------------------------- snapshots

	/** The pids of the processes monitoring this one (pending calls are not monitors). */
	Set<Pid> monitoredBy() {
		if (this.watchers == null) {
			return Set.of();
		}
		Set<Pid> pids = new HashSet<>();
		for (Watch watch : this.watchers) {
			if (watch.byProcess()) {
				pids.add(watch.ref.watcher());
			}
		}
		return Set.copyOf(pids);
	}

	Set<Pid> linkedPids() {
		if (this.links == null) {
			return Set.of();
		}
		Set<Pid> pids = new HashSet<>();
		for (Proc peer : this.links) {
			pids.add(peer.pid);
		}
		return Set.copyOf(pids);
	}

	private static <T> List<T> add(@Nullable List<T> list, T element) {
		List<T> target = (list != null) ? list : new ArrayList<>(2);
		target.add(element);
		return target;
	}
}
