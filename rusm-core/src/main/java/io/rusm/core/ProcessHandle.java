package io.rusm.core;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What {@code spawn} returns: the new process's pid, and a way to kill it or wait for its end.
 * Holding a handle does not keep the process alive or its resources reachable beyond the handle.
 *
 * @since 0.1.0
 */
public final class ProcessHandle {

	private final Proc process;

	private final @Nullable MonitorRef monitorRef;

	ProcessHandle(Proc process, @Nullable MonitorRef monitorRef) {
		this.process = process;
		this.monitorRef = monitorRef;
	}

	/**
	 * The process's pid.
	 * @return the pid
	 */
	public Pid pid() {
		return this.process.pid;
	}

	/**
	 * The monitor set up before the process ran, when it was spawned with
	 * {@link SpawnOptions.Builder#monitoredBy(Pid)} or {@link Context#spawnMonitor(ProcessBody)}.
	 * @return the monitor, or empty if none was asked for
	 */
	public Optional<MonitorRef> monitorRef() {
		return Optional.ofNullable(this.monitorRef);
	}

	/**
	 * Kills the process; same as {@link Runtime#kill(Pid)}.
	 * @return whether it was alive
	 */
	public boolean kill() {
		return this.process.context().runtime().kill(this.process.pid);
	}

	/**
	 * Whether the process is still running.
	 * @return {@code true} until its teardown finished
	 */
	public boolean isAlive() {
		return this.process.exitReason == null;
	}

	/**
	 * Waits for the process to end.
	 * @return why it ended
	 * @throws InterruptedException if the waiting thread is interrupted
	 */
	public ExitReason join() throws InterruptedException {
		this.process.awaitEnd(null);
		return exitReason();
	}

	/**
	 * Waits at most {@code timeout} for the process to end.
	 * @param timeout how long to wait
	 * @return why it ended, or empty if it is still running
	 * @throws InterruptedException if the waiting thread is interrupted
	 */
	public Optional<ExitReason> join(Duration timeout) throws InterruptedException {
		Arguments.nonNegative(timeout, "timeout");
		this.process.awaitEnd(timeout);
		return Optional.ofNullable(this.process.exitReason);
	}

	private ExitReason exitReason() {
		return Objects.requireNonNull(this.process.exitReason, "a joined process has an exit reason");
	}

	@Override
	public String toString() {
		return "ProcessHandle[" + this.process.pid + "]";
	}
}
