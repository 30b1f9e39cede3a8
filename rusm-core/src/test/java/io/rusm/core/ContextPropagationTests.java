package io.rusm.core;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * {@link ContextPropagator}: a context set on the sender's thread is in place on the receiving
 * process's thread while it handles that message, and only then.
 */
class ContextPropagationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(5);

	private final ThreadLocalPropagator propagator = new ThreadLocalPropagator();

	private final ManualClock clock = new ManualClock();

	private final Runtime runtime = Runtime.builder().contextPropagator(this.propagator).clock(this.clock).build();

	private final BlockingQueue<String> seen = new LinkedBlockingQueue<>();

	@AfterEach
	void close() {
		this.runtime.close();
	}

	@Test
	void aSentMessageIsHandledInTheSendersContext() throws InterruptedException {
		Pid receiver = this.runtime.spawn(this::reportContexts).pid();
		inContext("trace-1", () -> this.runtime.send(receiver, "first"));
		inContext("trace-2", () -> this.runtime.send(receiver, "second"));
		assertThat(next()).isEqualTo("first in trace-1");
		assertThat(next()).isEqualTo("second in trace-2");
	}

	@Test
	void theContextEndsWhenTheProcessAsksForItsNextMessage() throws InterruptedException {
		Pid receiver = this.runtime.spawn(this::reportContexts).pid();
		inContext("trace-1", () -> this.runtime.send(receiver, "traced"));
		this.runtime.send(receiver, "untraced");
		assertThat(next()).isEqualTo("traced in trace-1");
		assertThat(next()).isEqualTo("untraced in none");
		assertThat(this.propagator.closed.get()).isEqualTo(1);
	}

	@Test
	void aCallIsHandledInTheCallersContext() {
		Pid callee = this.runtime.spawn((ctx) -> {
			while (true) {
				if (ctx.receive() instanceof Call call) {
					call.reply(this.propagator.current.get());
				}
			}
		}).pid();
		this.propagator.current.set("request-7");
		try {
			String context = this.runtime.call(callee, "which context?", PATIENCE);
			assertThat(context).isEqualTo("request-7");
			assertThat(this.propagator.current.get()).as("the caller's own context").isEqualTo("request-7");
		}
		finally {
			this.propagator.current.remove();
		}
	}

	@Test
	void aTimerCarriesTheContextOfTheThreadThatSetItNotOfTheOneThatFiresIt() throws InterruptedException {
		Pid receiver = this.runtime.spawn(this::reportContexts).pid();
		inContext("scheduler", () -> this.runtime.sendAfter(receiver, Duration.ofMinutes(1), "tick"));
		inContext("advancer", () -> this.clock.advance(Duration.ofMinutes(1)));
		assertThat(next()).isEqualTo("tick in scheduler");
	}

	@Test
	void selectiveReceiveMatchesTheMessagesAndEachKeepsItsContext() throws InterruptedException {
		Pid receiver = this.runtime.spawn((ctx) -> {
			Object wanted = ctx.receive("b"::equals);
			report(wanted);
			report(ctx.receive());
		}).pid();
		inContext("for-a", () -> this.runtime.send(receiver, "a"));
		inContext("for-b", () -> this.runtime.send(receiver, "b"));
		assertThat(next()).isEqualTo("b in for-b");
		assertThat(next()).isEqualTo("a in for-a");
	}

	@Test
	void nothingTravelsWhenTheSenderHasNoContext() throws InterruptedException {
		Pid receiver = this.runtime.spawn(this::reportContexts).pid();
		this.runtime.send(receiver, "plain");
		assertThat(next()).isEqualTo("plain in none");
		assertThat(this.propagator.captures.get()).isOne();
		assertThat(this.propagator.restores.get()).isZero();
	}

	@Test
	void signalsCaptureNothing() throws InterruptedException {
		ProcessHandle watcher = this.runtime.spawn(this::reportContexts);
		ProcessHandle target = this.runtime.spawn((ctx) -> ctx.receive());
		inContext("trace-1", () -> {
			this.runtime.monitor(watcher.pid(), target.pid());
			target.kill();
		});
		assertThat(next()).startsWith("Down[").endsWith(" in none");
		assertThat(this.propagator.captures.get()).isZero();
	}

	@Test
	void theRestoredContextIsClosedWhenTheProcessEnds() throws InterruptedException {
		ProcessHandle once = this.runtime.spawn((ctx) -> ctx.receive());
		inContext("trace-1", () -> this.runtime.send(once.pid(), "only"));
		assertThat(once.join(PATIENCE)).contains(ExitReason.NORMAL);
		assertThat(this.propagator.restores.get()).isOne();
		assertThat(this.propagator.closed.get()).isOne();
	}

	@Test
	void aNullPropagatorIsRejected() {
		assertThatNullPointerException().isThrownBy(() -> Runtime.builder().contextPropagator(null))
			.withMessage("propagator");
	}

	private void reportContexts(Context ctx) {
		while (true) {
			report(ctx.receive());
		}
	}

	private void report(Object message) {
		String context = this.propagator.current.get();
		this.seen.add(message + " in " + ((context != null) ? context : "none"));
	}

	private String next() throws InterruptedException {
		String next = this.seen.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(next).as("a report within %s", PATIENCE).isNotNull();
		return next;
	}

	private void inContext(String context, Runnable action) {
		this.propagator.current.set(context);
		try {
			action.run();
		}
		finally {
			this.propagator.current.remove();
		}
	}

	/** Carries one thread-local string, and counts what it is asked to do. */
	static final class ThreadLocalPropagator implements ContextPropagator {

		final ThreadLocal<String> current = new ThreadLocal<>();

		final AtomicInteger captures = new AtomicInteger();

		final AtomicInteger restores = new AtomicInteger();

		final AtomicInteger closed = new AtomicInteger();

		@Override
		public @Nullable Object capture() {
			this.captures.incrementAndGet();
			return this.current.get();
		}

		@Override
		public Scope restore(Object snapshot) {
			this.restores.incrementAndGet();
			String previous = this.current.get();
			this.current.set((String) snapshot);
			return () -> {
				this.closed.incrementAndGet();
				this.current.set(previous);
			};
		}
	}
}
