package io.rusm.spring.boot.autoconfigure;

import java.util.List;

import io.rusm.core.ExitEvent;
import io.rusm.core.ExitListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each exit to several listeners (the exit history, the metrics), so that one
 * failing listener does not keep the others from seeing the exit.
 */
final class CompositeExitListener implements ExitListener {

	private static final Logger logger = LoggerFactory.getLogger(CompositeExitListener.class);

	private final List<ExitListener> listeners;

	CompositeExitListener(List<ExitListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	@Override
	public void onExit(ExitEvent event) {
		for (ExitListener listener : this.listeners) {
			try {
				listener.onExit(event);
			}
			catch (RuntimeException ex) {
				logger.warn("Exit listener {} failed for {}", listener, event.pid(), ex);
			}
		}
	}

}
