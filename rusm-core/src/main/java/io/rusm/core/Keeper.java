package io.rusm.core;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps the JVM alive while a runtime has processes: virtual threads are daemon threads, so
 * without it a {@code main} that spawns processes and returns would end them at once. One
 * non-daemon thread checks the process count a few times a second and ends when it reaches zero or
 * the runtime shuts down; the next spawn starts it again. A runtime built without keep-alive has a
 * keeper that never starts.
 */
final class Keeper {

	private static final long POLL_NANOS = Duration.ofMillis(100).toNanos();

	private final ProcessTable table;

	private final AtomicBoolean running = new AtomicBoolean();

	private volatile boolean stopped;

	/**
	 * @param table the processes to keep the JVM alive for
	 * @param enabled whether to keep it alive at all (a runtime built with
	 * {@code keepAlive(false)} never starts the thread)
	 */
	Keeper(ProcessTable table, boolean enabled) {
		this.table = table;
		this.stopped = !enabled;
	}

	void ensureRunning() {
		if (!this.running.get() && !this.stopped && this.running.compareAndSet(false, true)) {
			Thread.ofPlatform().daemon(false).name("rusm-keeper").start(this::keepAlive);
		}
	}

	private void keepAlive() {
		for (;;) {
			LockSupport.parkNanos(this, POLL_NANOS);
			if (this.stopped || this.table.size() == 0) {
				this.running.set(false);
				boolean needed = !this.stopped && this.table.size() > 0;
				if (!needed || !this.running.compareAndSet(false, true)) {
					return;
				}
			}
		}
	}

	void stop() {
		this.stopped = true;
	}
}
