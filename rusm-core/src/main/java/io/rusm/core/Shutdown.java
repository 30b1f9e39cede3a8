package io.rusm.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Stopping a runtime: refusing new processes once a shutdown began, asking every process to stop,
 * killing the stragglers, and stopping the timer and keeper threads last.
 */
final class Shutdown {

	/** How long killed stragglers get to finish their teardown, at most. */
	private static final long STRAGGLER_WAIT_NANOS = Duration.ofSeconds(5).toNanos();

	private final ProcessTable table;

	private final TimerService timers;

	private final Keeper keeper;

	private volatile boolean closing;

	private final AtomicBoolean closed = new AtomicBoolean();

	Shutdown(ProcessTable table, TimerService timers, Keeper keeper) {
		this.table = table;
		this.timers = timers;
		this.keeper = keeper;
	}

	boolean isClosing() {
		return this.closing;
	}

	void requireOpen() {
		if (this.closing) {
			throw new IllegalStateException("the runtime is shutting down and accepts no new processes");
		}
	}

	/** Kills every live process; returns how many were told to exit. */
	int killAll() {
		return Proc.stageExit(this.table.processes(), ExitReason.KILLED);
	}

	/**
	 * Refuses new spawns, signals every process with {@code SHUTDOWN}, waits up to {@code timeout},
	 * then kills the stragglers and stops the timers and the keeper.
	 */
	ShutdownReport graceful(Duration timeout) {
		long nanos = Arguments.nanos(timeout);
		this.closing = true;
		List<Proc> signalled = new ArrayList<>(this.table.processes());
		for (Proc process : signalled) {
			if (process.trapExit()) {
				process.deliverSignal(new Signal.Exit(Pid.SYSTEM, ExitReason.SHUTDOWN));
			}
			else {
				process.stageExit(ExitReason.SHUTDOWN);
			}
		}
		awaitExit(signalled, Arguments.deadline(System.nanoTime(), nanos));
		int exitedInTime = (int) signalled.stream().filter((process) -> process.exitReason != null).count();
		List<Proc> stragglers = new ArrayList<>(this.table.processes());
		int killed = Proc.stageExit(stragglers, ExitReason.KILLED);
		awaitExit(stragglers,
				Arguments.deadline(System.nanoTime(), Math.min(nanos, STRAGGLER_WAIT_NANOS)));
		this.timers.stop();
		this.keeper.stop();
		return new ShutdownReport(signalled.size(), exitedInTime, killed);
	}

	/** Shuts down gracefully once; later calls do nothing. */
	void close(Duration timeout) {
		if (this.closed.compareAndSet(false, true)) {
			graceful(timeout);
		}
	}

	private static void awaitExit(List<Proc> processes, long deadline) {
		try {
			for (Proc process : processes) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					return;
				}
				process.thread.join(Duration.ofNanos(remaining));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
