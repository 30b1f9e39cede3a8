package io.rusm.test;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

import io.rusm.core.ExitReason;
import io.rusm.core.MonitorRef;
import io.rusm.core.Pid;
import io.rusm.core.ProcessHandle;
import io.rusm.core.ProcessInfo;
import io.rusm.core.Runtime;
import io.rusm.core.Signal;
import io.rusm.core.SpawnOptions;

import org.jspecify.annotations.Nullable;

/**
 * A process that records what it receives, so a test can send it messages, make it a monitor's
 * watcher or a link's peer, or pass its pid to the code under test, and then expect what arrives
 * (like the probe of Pekko's TestKit).
 *
 * <p>{@link #expectMessage(Class)} takes the next message, in arrival order, and fails if it is not
 * of that type; {@link #expectDown(Pid)} and {@link #expectExit(Pid)} wait for their signal past
 * other messages. Every wait is bounded in real time, by
 * {@link #DEFAULT_WITHIN} unless {@link #within(Duration)} gave another bound, and a failure lists
 * what the probe did receive. A probe traps exits, so a linked process's exit arrives as
 * {@link Signal.Exit} ({@link #expectExit(Pid)}) instead of taking the probe down; it ends when the
 * runtime shuts down.
 *
 * <p>{@link RusmExtension} gives a fresh probe to each {@code TestProbe} test-method parameter and
 * does not count probes as leaked processes; {@link #spawn(Runtime)} makes one on any runtime (an
 * application's own, say) and {@link #close()} ends it.
 *
 * @since 0.1.0
 */
public final class TestProbe implements AutoCloseable {

	/** How long an expectation waits, in real time, unless {@link #within(Duration)} says otherwise. */
	public static final Duration DEFAULT_WITHIN = Duration.ofSeconds(3);

	/**
	 * How long {@link #expectDown(Pid)} waits for the {@code Down} of a monitor the probe held on a
	 * process that had already left the process table, but had not yet told its watchers.
	 */
	private static final Duration TEARDOWN_SETTLE = Duration.ofMillis(200);

	private final Runtime runtime;

	private final ProcessHandle handle;

	private final Inbox inbox;

	private final Duration within;

	private TestProbe(Runtime runtime, ProcessHandle handle, Inbox inbox, Duration within) {
		this.runtime = runtime;
		this.handle = handle;
		this.inbox = inbox;
		this.within = within;
	}

	/**
	 * Spawns a probe process on {@code runtime}.
	 * @param runtime the runtime the probe lives in
	 * @return the probe, waiting {@link #DEFAULT_WITHIN} in its expectations
	 */
	public static TestProbe spawn(Runtime runtime) {
		Objects.requireNonNull(runtime, "runtime");
		Inbox inbox = new Inbox();
		ProcessHandle handle = runtime.spawn(SpawnOptions.builder().trapExit(true).build(), (ctx) -> {
			while (true) {
				Object message = ctx.receive();
				inbox.add(message);
				if (message instanceof Signal.Exit exit && exit.from().equals(Pid.SYSTEM)) {
					return; // the runtime is shutting down, or stopping the probe
				}
			}
		});
		return new TestProbe(runtime, handle, inbox, DEFAULT_WITHIN);
	}

	/**
	 * The probe's process.
	 * @return its pid, to send to or to hand to the code under test
	 */
	public Pid pid() {
		return this.handle.pid();
	}

	/**
	 * The same probe (same process, same received messages) with another bound on its waits.
	 * @param within how long each expectation waits, in real time; positive
	 * @return a view of this probe that waits {@code within}
	 */
	public TestProbe within(Duration within) {
		Objects.requireNonNull(within, "within");
		if (within.isNegative() || within.isZero()) {
			throw new IllegalArgumentException("within must be positive, but was " + within);
		}
		return new TestProbe(this.runtime, this.handle, this.inbox, within);
	}

	/**
	 * Takes the next message, which must be of {@code type}.
	 * @param <T> the message type
	 * @param type the type expected
	 * @return the message
	 * @throws AssertionError if no message arrives in time, or the next one is of another type
	 */
	public <T> T expectMessage(Class<T> type) {
		Objects.requireNonNull(type, "type");
		String expected = "a message of type " + type.getName();
		Object message = next(expected);
		if (!type.isInstance(message)) {
			throw mismatch(expected, message);
		}
		return type.cast(message);
	}

	/**
	 * Takes the next message, which must equal {@code expected}.
	 * @param expected the message expected, compared with {@link Object#equals(Object)}
	 * @return the message received
	 * @throws AssertionError if no message arrives in time, or the next one is another
	 */
	public Object expectMessage(Object expected) {
		Objects.requireNonNull(expected, "expected");
		String description = "the message " + expected;
		Object message = next(description);
		if (!expected.equals(message)) {
			throw mismatch(description, message);
		}
		return message;
	}

	/**
	 * Waits {@code within}, in real time, and fails if a message arrives meanwhile (or had arrived
	 * and was not taken yet).
	 * @param within how long to wait; not negative
	 * @throws AssertionError if a message arrives
	 */
	public void expectNoMessage(Duration within) {
		Objects.requireNonNull(within, "within");
		if (within.isNegative()) {
			throw new IllegalArgumentException("within must not be negative, but was " + within);
		}
		Object message = this.inbox.next(within);
		if (message != null) {
			throw new AssertionError("Probe " + pid() + " expected no message within " + Inbox.describe(within)
					+ ", but received " + message + "; received so far: " + this.inbox.describeHistory());
		}
	}

	/**
	 * Waits for the {@link Signal.Down} of a monitor the probe holds on {@code target} and answers
	 * the target's exit reason. A monitor set earlier with {@code runtime.monitor(probe.pid(), target)}
	 * counts; if the probe holds none, this sets one first, so a target that has already ended
	 * answers {@link ExitReason#NOPROC}. Unlike {@link #expectMessage(Class)}, it takes that signal
	 * past other messages, which stay for later expectations: the {@code Down}s of several processes
	 * can be expected in any order.
	 * @param target the process expected to end
	 * @return its exit reason
	 * @throws AssertionError if no such {@code Down} arrives in time
	 */
	public ExitReason expectDown(Pid target) {
		Objects.requireNonNull(target, "target");
		String expected = "the Down of " + target;
		Optional<ProcessInfo> info = this.runtime.info(target);
		if (info.isPresent()) {
			if (!info.get().monitoredBy().contains(pid())) {
				this.runtime.monitor(pid(), target);
			}
			return ((Signal.Down) await(expected, isDownOf(target), this.within)).reason();
		}
		// The target has left the process table. A monitor the probe held on it may still be about to
		// fire, so the probe's own monitor (answered at once with NOPROC) tells which came first.
		MonitorRef own = this.runtime.monitor(pid(), target);
		Signal.Down first = (Signal.Down) await(expected, isDownOf(target), this.within);
		if (!first.ref().equals(own)) {
			this.inbox.take((message) -> message instanceof Signal.Down down && down.ref().equals(own), this.within);
			return first.reason();
		}
		Object earlier = this.inbox.take(isDownOf(target), TEARDOWN_SETTLE);
		return (earlier != null) ? ((Signal.Down) earlier).reason() : first.reason();
	}

	/**
	 * Waits for the {@link Signal.Exit} of a process linked to the probe (or of {@link Pid#SYSTEM})
	 * and answers its exit reason. Like {@link #expectDown(Pid)}, it takes that signal past other
	 * messages, which stay for later expectations.
	 * @param from the process expected to exit
	 * @return the reason its exit signal carries
	 * @throws AssertionError if no such exit signal arrives in time
	 */
	public ExitReason expectExit(Pid from) {
		Objects.requireNonNull(from, "from");
		Object exit = await("the exit signal of " + from,
				(message) -> message instanceof Signal.Exit signal && signal.from().equals(from), this.within);
		return ((Signal.Exit) exit).reason();
	}

	/**
	 * Ends the probe's process.
	 */
	@Override
	public void close() {
		this.handle.kill();
	}

	@Override
	public String toString() {
		return "TestProbe[" + pid() + "]";
	}

	private static Predicate<Object> isDownOf(Pid target) {
		return (message) -> message instanceof Signal.Down down && down.pid().equals(target);
	}

	private Object await(String expected, Predicate<Object> matcher, Duration within) {
		Object message = this.inbox.take(matcher, within);
		if (message == null) {
			throw new AssertionError("Probe " + pid() + " expected " + expected + " within " + Inbox.describe(within)
					+ ", but none arrived; received so far: " + this.inbox.describeHistory());
		}
		return message;
	}

	private Object next(String expected) {
		return await(expected, (message) -> true, this.within);
	}

	private AssertionError mismatch(String expected, @Nullable Object message) {
		return new AssertionError("Probe " + pid() + " expected " + expected + ", but the next message was "
				+ message + "; received so far: " + this.inbox.describeHistory());
	}
}
