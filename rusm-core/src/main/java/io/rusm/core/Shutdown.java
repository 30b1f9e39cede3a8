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

	/** The most of the timeout kept for killed stragglers to finish their teardown. */
	private static final long KILL_GRACE_NANOS = Duration.ofMillis(100).toNanos();

	private final ProcessTable table;

	private final TimerService timers;

	private final Keeper keeper;

	private final LogLevel logLevel;

	private volatile boolean closing;

	private final AtomicBoolean closed = new AtomicBoolean();

	Shutdown(ProcessTable table, TimerService timers, Keeper keeper, LogLevel logLevel) {
		this.table = table;
		this.timers = timers;
		this.keeper = keeper;
		this.logLevel = logLevel;
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
	 * Refuses new spawns, signals every process with {@code SHUTDOWN}, kills the stragglers a
	 * tenth of {@code timeout} (at most 100 ms) before it passes and waits for them until it
	 * passes, then stops the timers and the keeper. Returns within {@code timeout} however the
	 * processes behave; one that ignored the kill is counted and logged with its stack.
	 */
	ShutdownReport graceful(Duration timeout) {
		long start = System.nanoTime();
		long nanos = Arguments.nanos(timeout);
		long killGrace = Math.min(nanos / 10, KILL_GRACE_NANOS);
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
		awaitExit(signalled, Arguments.deadline(start, nanos - killGrace));
		int exitedInTime = (int) signalled.stream().filter(Shutdown::ended).count();
		List<Proc> stragglers = new ArrayList<>(this.table.processes());
		int killed = Proc.stageExit(stragglers, ExitReason.KILLED);
		awaitExit(stragglers, Arguments.deadline(start, nanos));
		List<Proc> stuck = stragglers.stream().filter((process) -> !ended(process)).toList();
		if (this.logLevel != LogLevel.OFF) {
			for (Proc process : stuck) {
				LifecycleLog.stillRunning(process.pid, process.label(), process.stackTrace());
			}
		}
		this.timers.stop();
		this.keeper.stop();
		return new ShutdownReport(signalled.size(), exitedInTime, killed, stuck.size());
	}

	private static boolean ended(Proc process) {
		return process.exitReason != null;
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
				process.awaitEnd(Duration.ofNanos(remaining));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
