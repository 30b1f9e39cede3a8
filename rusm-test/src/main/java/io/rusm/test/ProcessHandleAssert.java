package io.rusm.test;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import io.rusm.core.ExitReason;
import io.rusm.core.ProcessHandle;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.Assertions;
import org.jspecify.annotations.Nullable;

/**
 * AssertJ assertions on a process. Those about how it exits wait for it to exit, in real time, up to
 * {@link TestProbe#DEFAULT_WITHIN} or the bound given to {@link #within(Duration)}; a process waiting
 * on a timer of a {@link io.rusm.core.ManualClock} exits only once the test advanced the clock.
 *
 * @since 0.1.0
 * @see RusmAssertions#assertThat(ProcessHandle)
 */
public final class ProcessHandleAssert extends AbstractAssert<ProcessHandleAssert, ProcessHandle> {

	private Duration within = TestProbe.DEFAULT_WITHIN;

	ProcessHandleAssert(ProcessHandle actual) {
		super(actual, ProcessHandleAssert.class);
	}

	/**
	 * Sets how long the following assertions wait for the process to exit.
	 * @param within a positive bound, in real time
	 * @return this
	 */
	public ProcessHandleAssert within(Duration within) {
		Objects.requireNonNull(within, "within");
		if (within.isNegative() || within.isZero()) {
			throw new IllegalArgumentException("within must be positive, but was " + within);
		}
		this.within = within;
		return this;
	}

	/**
	 * Verifies that the process is alive now.
	 * @return this
	 */
	public ProcessHandleAssert isAlive() {
		isNotNull();
		if (!this.actual.isAlive()) {
			ExitReason reason = exitReason(Duration.ZERO).orElse(ExitReason.NOPROC);
			throw new AssertionError("Expected process " + this.actual.pid() + " to be alive, but it exited with "
					+ reason, cause(reason));
		}
		return this;
	}

	/**
	 * Verifies that the process is still alive after {@code duration} of real time.
	 * @param duration how long to watch it
	 * @return this
	 */
	public ProcessHandleAssert staysAliveFor(Duration duration) {
		isNotNull();
		Optional<ExitReason> reason = exitReason(Objects.requireNonNull(duration, "duration"));
		if (reason.isPresent()) {
			throw new AssertionError("Expected process " + this.actual.pid() + " to stay alive for "
					+ Inbox.describe(duration) + ", but it exited with " + reason.get(), cause(reason.get()));
		}
		return this;
	}

	/**
	 * Verifies that the process exits, within the bound, with {@code expected}.
	 * @param expected the exit reason expected ({@link ExitReason.Crashed} compares its cause with
	 * {@code equals}: prefer {@link #crashes()} for crashes)
	 * @return this
	 */
	public ProcessHandleAssert exitsWith(ExitReason expected) {
		Objects.requireNonNull(expected, "expected");
		ExitReason reason = awaitExit("with " + expected);
		if (!reason.equals(expected)) {
			throw new AssertionError("Expected process " + this.actual.pid() + " to exit with " + expected
					+ ", but it exited with " + reason, cause(reason));
		}
		return this;
	}

	/**
	 * Verifies that the process exits normally (its body returned) within the bound.
	 * @return this
	 */
	public ProcessHandleAssert exitsNormally() {
		return exitsWith(ExitReason.NORMAL);
	}

	/**
	 * Verifies that the process exits with any reason but {@link ExitReason#NORMAL} within the bound.
	 * @return this
	 */
	public ProcessHandleAssert exitsAbnormally() {
		ExitReason reason = awaitExit("abnormally");
		if (!reason.isAbnormal()) {
			throw new AssertionError("Expected process " + this.actual.pid() + " to exit abnormally, but it exited "
					+ reason);
		}
		return this;
	}

	/**
	 * Verifies that the process crashes (its body threw) within the bound, and answers assertions on
	 * what it threw.
	 * @return AssertJ's assertions on the crash's cause
	 */
	public AbstractThrowableAssert<?, ? extends Throwable> crashes() {
		ExitReason reason = awaitExit("by crashing");
		if (reason instanceof ExitReason.Crashed crashed) {
			return Assertions.assertThat(crashed.cause());
		}
		throw new AssertionError("Expected process " + this.actual.pid() + " to crash, but it exited with " + reason);
	}

	private ExitReason awaitExit(String how) {
		isNotNull();
		return exitReason(this.within)
			.orElseThrow(() -> new AssertionError("Expected process " + this.actual.pid() + " to exit " + how
					+ " within " + Inbox.describe(this.within) + ", but it is still alive"));
	}

	private Optional<ExitReason> exitReason(Duration timeout) {
		try {
			return this.actual.join(timeout);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted while waiting for process " + this.actual.pid() + " to exit", ex);
		}
	}

	private static @Nullable Throwable cause(ExitReason reason) {
		return (reason instanceof ExitReason.Crashed crashed) ? crashed.cause() : null;
	}
}
