package io.rusm.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import io.rusm.core.Runtime;

/**
 * The runtimes a test created, so every one of them is closed afterwards whatever the test did.
 * Closing kills what is left first, so a process that traps exits and ignores the shutdown signal
 * never holds a test up for the graceful timeout.
 */
final class OpenRuntimes implements AutoCloseable {

	/** A body that waits without ever taking anything from its mailbox, until it is killed. */
	static final ProcessBody PARKED = (ctx) -> ctx.sleep(Duration.ofDays(1));

	private final List<Runtime> runtimes = new CopyOnWriteArrayList<>();

	Runtime create() {
		return add(Runtime.create());
	}

	Runtime build(UnaryOperator<Runtime.Builder> configuration) {
		return add(configuration.apply(Runtime.builder()).build());
	}

	Runtime add(Runtime runtime) {
		this.runtimes.add(runtime);
		return runtime;
	}

	@Override
	public void close() {
		this.runtimes.forEach(ProcessProbes::closeCleanly);
		this.runtimes.clear();
	}

}
