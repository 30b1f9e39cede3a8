package io.rusm.core;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The listeners told about every exit: the one set on the builder and any added later. A
 * copy-on-write array, so the exit path pays one volatile read when there are none, and adding or
 * removing one never blocks an exit.
 */
final class ExitListeners {

	private static final ExitListener[] NONE = {};

	private volatile ExitListener[] listeners;

	ExitListeners(@Nullable ExitListener initial) {
		this.listeners = (initial != null) ? new ExitListener[] { initial } : NONE;
	}

	synchronized void add(ExitListener listener) {
		ExitListener[] current = this.listeners;
		ExitListener[] grown = Arrays.copyOf(current, current.length + 1);
		grown[current.length] = listener;
		this.listeners = grown;
	}

	/** Removes one registration of {@code listener}; returns whether there was one. */
	synchronized boolean remove(ExitListener listener) {
		List<ExitListener> current = Arrays.asList(this.listeners);
		int index = current.indexOf(listener);
		if (index < 0) {
			return false;
		}
		ExitListener[] shrunk = new ExitListener[current.size() - 1];
		for (int i = 0, j = 0; i < current.size(); i++) {
			if (i != index) {
				shrunk[j++] = current.get(i);
			}
		}
		this.listeners = (shrunk.length > 0) ? shrunk : NONE;
		return true;
	}

	/** Tells every listener that {@code process}, which held {@code held}, ended with {@code reason}. */
	void exited(Proc process, Relations held, ExitReason reason) {
		ExitListener[] current = this.listeners;
		if (current.length == 0) {
			return;
		}
		ExitEvent event = new ExitEvent(process.pid, process.label(), List.copyOf(held.names()),
				Set.copyOf(held.tags()), reason, Instant.ofEpochMilli(process.startedAtMillis),
				Instant.now());
		for (ExitListener listener : current) {
			try {
				listener.onExit(event);
			}
			catch (RuntimeException ex) {
				LifecycleLog.listenerFailed(process.pid, ex);
			}
		}
	}
}
