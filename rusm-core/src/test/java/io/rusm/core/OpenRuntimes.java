package io.rusm.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import io.rusm.core.ProcessHandle;
import io.rusm.core.Runtime;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * The runtimes a test created, so every one of them is closed afterwards whatever the test did.
 * Closing kills what is left first, so a process that traps exits and ignores the shutdown signal
 * never holds a test up for the graceful timeout.
 */
final class OpenRuntimes implements AutoCloseable {

	/** Long enough for anything to happen on a loaded two-core machine; only ever waited out on failure. */
	static final Duration PATIENCE = Duration.ofSeconds(10);

	/** A body that waits without ever taking anything from its mailbox, until it is killed. */
	static final ProcessBody PARKED = (ctx) -> ctx.sleep(Duration.ofDays(1));

	/** A body that takes and ignores every message until it is killed. */
	static final ProcessBody IDLE = (ctx) -> {
		for (;;) {
			ctx.receive();
		}
	};

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
		for (Runtime runtime : this.runtimes) {
			runtime.shutdown();
			runtime.close();
		}
		this.runtimes.clear();
	}

	/** A bounded wait that polls often, so a condition met at once costs no fixed delay. */
	static ConditionFactory eventually() {
		return Awaitility.await().atMost(PATIENCE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5));
	}

	/** Waits for a process to end, failing the test if it does not in {@link #PATIENCE}. */
	static ExitReason join(ProcessHandle handle) throws InterruptedException {
		return handle.join(PATIENCE).orElseThrow(() -> new AssertionError(handle + " did not end in " + PATIENCE));
	}

}
