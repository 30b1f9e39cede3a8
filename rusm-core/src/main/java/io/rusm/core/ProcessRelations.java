package io.rusm.core;

import org.jspecify.annotations.Nullable;

/**
 * The part of a process that others add to and take from: its names, tags, links, monitors and
 * pending timers, guarded by the process object's monitor. Once {@link #closeRelations()} marks the
 * process exiting nothing can be added any more, which is what makes teardown race-free against
 * register, link and monitor: whoever adds after teardown began is refused, and teardown releases
 * exactly what was added before.
 *
 * <p>It sits between the {@link Mailbox} and {@link Proc} in the one object a process is, so that
 * a process without relations carries one null reference for all of them.
 */
abstract class ProcessRelations extends Mailbox {

	/** Set, under this object's monitor, when teardown begins; nothing can be added afterwards. */
	private volatile boolean exiting;

	/**
	 * Guarded by this: {@code null} until the first relation and after teardown began; the name
	 * itself while a registered name is the process's only relation, the common case of a named
	 * process, so registering allocates nothing beside the registry's own entry; otherwise a
	 * {@link Relations}.
	 */
	private @Nullable Object relations;

	ProcessRelations(MailboxPolicy policy) {
		super(policy);
	}

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
	final Relations snapshot() {
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
}
