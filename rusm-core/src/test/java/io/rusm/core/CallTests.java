package io.rusm.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import io.rusm.core.ProcessHandle;
import io.rusm.core.ProcessProbes.Cue;
import io.rusm.core.Runtime;

import static io.rusm.core.ProcessProbes.WAIT;
import static io.rusm.core.ProcessProbes.closeCleanly;
import static io.rusm.core.ProcessProbes.ended;
import static io.rusm.core.ProcessProbes.next;
import static io.rusm.core.ProcessProbes.parked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Request/reply with {@code call}: the reply, and a distinct clear exception for each way a call
 * can fail, with no stray reply left behind in the caller's mailbox.
 */
class CallTests {

	private final Runtime runtime = Runtime.create();

	@AfterEach
	void closeRuntime() {
		closeCleanly(this.runtime);
	}

	@Test
	void aCallGetsTheCalleesReply() throws Exception {
		ProcessHandle echo = this.runtime.spawn(echo());
		String reply = this.runtime.call(echo.pid(), "hello", WAIT);
		assertThat(reply).isEqualTo("hello");
		Integer number = this.runtime.call(echo.pid(), 42, WAIT);
		assertThat(number).isEqualTo(42);
	}

	@Test
	void aCallByNameGetsTheReply() throws Exception {
		this.runtime.spawn(SpawnOptions.builder().name("echo").build(), echo());
		String reply = this.runtime.call("echo", "by name", WAIT);
		assertThat(reply).isEqualTo("by name");
	}

	@Test
	void aProcessCanCallAnotherProcess() throws Exception {
		ProcessHandle echo = this.runtime.spawn(echo());
		BlockingQueue<Object> got = new LinkedBlockingQueue<>();
		ProcessHandle caller = this.runtime.spawn((ctx) -> {
			got.add(ctx.runtime().<String>call(echo.pid(), "from a process", WAIT));
			got.add(ctx.receive(Duration.ZERO));
		});
		assertThat(next(got)).isEqualTo("from a process");
		assertThat(next(got)).as("the reply never goes through the mailbox").isEqualTo(Optional.empty());
		ended(caller);
	}

	@Test
	void theCalleeSeesTheRequestAndWhoCalls() throws Exception {
		BlockingQueue<Object> seen = new LinkedBlockingQueue<>();
		ProcessHandle callee = this.runtime.spawn((ctx) -> {
			for (;;) {
				if (ctx.receive() instanceof Call call) {
					seen.add(Optional.ofNullable(call.caller()));
					call.reply(null);
				}
			}
		});
		Object reply = this.runtime.call(callee.pid(), "from a thread", WAIT);
		assertThat(reply).as("a null reply").isNull();
		assertThat(next(seen)).isEqualTo(Optional.empty());
		ProcessHandle caller = this.runtime.spawn((ctx) -> ctx.runtime().call(callee.pid(), "from a process", WAIT));
		assertThat(next(seen)).isEqualTo(Optional.of(caller.pid()));
		assertThat(ended(caller)).isEqualTo(ExitReason.NORMAL);
	}

	@Test
	void onlyTheFirstReplyCounts() throws Exception {
		BlockingQueue<Object> replies = new LinkedBlockingQueue<>();
		ProcessHandle callee = this.runtime.spawn((ctx) -> {
			Call call = (Call) ctx.receive();
			replies.add(call.reply("first"));
			replies.add(call.reply("second"));
		});
		String reply = this.runtime.call(callee.pid(), "twice?", WAIT);
		assertThat(reply).isEqualTo("first");
		assertThat(next(replies)).isEqualTo(true);
		assertThat(next(replies)).isEqualTo(false);
	}

	@Test
	void aCallWithNoReplyInTimeThrowsCallTimeoutException() throws Exception {
		ProcessHandle silent = this.runtime.spawn(parked());
		long start = System.nanoTime();
		assertThatExceptionOfType(CallTimeoutException.class)
			.isThrownBy(() -> this.runtime.call(silent.pid(), "anyone?", Duration.ofMillis(100)))
			.withMessageContaining(silent.pid().toString())
			.isInstanceOf(CallException.class);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
		assertThat(this.runtime.isAlive(silent.pid())).as("a timeout does not hurt the callee").isTrue();
	}

	@Test
	void aCalleeThatCrashesMidCallGivesProcessExitedExceptionWithItsReason() throws Exception {
		IllegalStateException boom = new IllegalStateException("cannot answer");
		ProcessHandle callee = this.runtime.spawn((ctx) -> {
			if (ctx.receive() instanceof Call) {
				throw boom;
			}
		});
		assertThatExceptionOfType(ProcessExitedException.class)
			.isThrownBy(() -> this.runtime.call(callee.pid(), "question", WAIT))
			.withMessageContaining(callee.pid().toString())
			.withCause(boom)
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(ExitReason.crashed(boom)))
			.isInstanceOf(CallException.class);
	}

	@Test
	void aCalleeKilledMidCallGivesProcessExitedExceptionWithKilled() throws Exception {
		BlockingQueue<Object> events = new LinkedBlockingQueue<>();
		ProcessHandle callee = this.runtime.spawn((ctx) -> {
			events.add(ctx.receive());
			ctx.receive();
		});
		CompletableFuture<Object> outcome = callFromAnotherThread(callee.pid(), "question", Duration.ofMinutes(1));
		assertThat(next(events)).isInstanceOf(Call.class);
		callee.kill();
		assertThat(failureOf(outcome)).isInstanceOfSatisfying(ProcessExitedException.class,
				(ex) -> assertThat(ex.reason()).isEqualTo(ExitReason.KILLED));
	}

	@Test
	void aCalleeThatEndsWithoutReplyingGivesProcessExitedExceptionWithItsReason() throws Exception {
		ProcessHandle returns = this.runtime.spawn((ctx) -> ctx.receive());
		assertThatExceptionOfType(ProcessExitedException.class)
			.isThrownBy(() -> this.runtime.call(returns.pid(), "question", WAIT))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(ExitReason.NORMAL));

		BlockingQueue<Object> events = new LinkedBlockingQueue<>();
		ProcessHandle shutDown = this.runtime.spawn((ctx) -> {
			events.add(ctx.receive());
			ctx.receive();
		});
		CompletableFuture<Object> outcome = callFromAnotherThread(shutDown.pid(), "question", Duration.ofMinutes(1));
		next(events);
		this.runtime.exit(shutDown.pid(), ExitReason.SHUTDOWN);
		assertThat(failureOf(outcome)).isInstanceOfSatisfying(ProcessExitedException.class,
				(ex) -> assertThat(ex.reason()).isEqualTo(ExitReason.SHUTDOWN));
	}

	@Test
	void aCallToAnUnknownNameGivesNoProcessException() {
		assertThatExceptionOfType(NoProcessException.class)
			.isThrownBy(() -> this.runtime.call("nobody", "hello", WAIT))
			.withMessageContaining("nobody")
			.isInstanceOf(CallException.class);
	}

	@Test
	void aCallToADeadOrUnknownPidGivesNoProcessException() throws Exception {
		ProcessHandle dead = this.runtime.spawn((ctx) -> {
		});
		ended(dead);
		assertThatExceptionOfType(NoProcessException.class)
			.isThrownBy(() -> this.runtime.call(dead.pid(), "hello", WAIT))
			.withMessageContaining(dead.pid().toString());
		assertThatExceptionOfType(NoProcessException.class)
			.isThrownBy(() -> this.runtime.call(Pid.of(424_242_424L), "hello", WAIT));
	}

	@Test
	void aProcessCannotCallItself() throws Exception {
		BlockingQueue<Object> got = new LinkedBlockingQueue<>();
		ProcessHandle handle = this.runtime.spawn((ctx) -> {
			try {
				ctx.runtime().call(ctx.self(), "me?", WAIT);
			}
			catch (IllegalStateException ex) {
				got.add(ex);
			}
		});
		assertThat(next(got)).isInstanceOf(IllegalStateException.class);
		assertThat(ended(handle)).isEqualTo(ExitReason.NORMAL);
	}

	@Test
	void aReplyThatComesAfterTheTimeoutNeverLandsInTheCallersMailbox() throws Exception {
		BlockingQueue<Object> calleeEvents = new LinkedBlockingQueue<>();
		BlockingQueue<Object> callerEvents = new LinkedBlockingQueue<>();
		ProcessHandle slow = this.runtime.spawn((ctx) -> {
			Call call = (Call) ctx.receive((message) -> message instanceof Call);
			calleeEvents.add("got the call");
			ctx.receive((message) -> message == Cue.GO);
			calleeEvents.add(call.reply("too late"));
			ctx.receive((message) -> message == Cue.GO);
		});
		ProcessHandle caller = this.runtime.spawn((ctx) -> {
			try {
				ctx.runtime().call(slow.pid(), "question", Duration.ofMillis(100));
				callerEvents.add("got a reply");
			}
			catch (CallTimeoutException ex) {
				callerEvents.add("timed out");
			}
			ctx.receive((message) -> message == Cue.CHECK);
			callerEvents.add(ctx.receive(Duration.ofMillis(200)));
		});
		assertThat(next(calleeEvents)).isEqualTo("got the call");
		assertThat(next(callerEvents)).isEqualTo("timed out");
		this.runtime.send(slow.pid(), Cue.GO);
		assertThat(next(calleeEvents)).as("reply() says the caller stopped waiting").isEqualTo(false);
		// the callee dying after the timeout must not reach the caller either
		this.runtime.send(slow.pid(), Cue.GO);
		assertThat(ended(slow)).isEqualTo(ExitReason.NORMAL);
		this.runtime.send(caller.pid(), Cue.CHECK);
		assertThat(next(callerEvents)).as("the caller's mailbox").isEqualTo(Optional.empty());
		assertThat(ended(caller)).isEqualTo(ExitReason.NORMAL);
	}

	@RepeatedTest(30)
	void aReplyRacingTheTimeoutIsEitherReturnedOrDroppedNeverBoth() throws Exception {
		AtomicInteger accepted = new AtomicInteger();
		ProcessHandle echo = this.runtime.spawn((ctx) -> {
			for (;;) {
				if (ctx.receive() instanceof Call call && call.reply(call.request())) {
					accepted.incrementAndGet();
				}
			}
		});
		BlockingQueue<Object> got = new LinkedBlockingQueue<>();
		ProcessHandle caller = this.runtime.spawn((ctx) -> {
			List<Object> asked = new ArrayList<>();
			List<Object> returned = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				try {
					returned.add(ctx.runtime().call(echo.pid(), i, Duration.ofNanos(1_000 + i * 20_000L)));
					asked.add(i);
				}
				catch (CallTimeoutException ex) {
					// a timed-out call's reply, if any, must be dropped
				}
			}
			got.add(asked);
			got.add(returned);
			got.add(ctx.receive(Duration.ofMillis(50)));
		});
		Object asked = next(got);
		assertThat(next(got)).as("each call returned its own reply, never a late one of an earlier call")
			.isEqualTo(asked);
		assertThat(next(got)).as("the caller's mailbox: no late reply").isEqualTo(Optional.empty());
		assertThat(accepted).as("every reply the echo saw accepted was returned, and no other")
			.hasValue(((List<?>) asked).size());
		ended(caller);
	}

	@Test
	void aCallerKilledWhileWaitingEndsKilledAndTheLateReplyIsDropped() throws Exception {
		BlockingQueue<Object> events = new LinkedBlockingQueue<>();
		ProcessHandle callee = this.runtime.spawn((ctx) -> {
			Call call = (Call) ctx.receive();
			events.add("got the call");
			ctx.receive((message) -> message == Cue.GO);
			events.add(call.reply("nobody listens"));
			ctx.receive();
		});
		ProcessHandle caller = this.runtime.spawn((ctx) -> ctx.runtime().call(callee.pid(), "q", Duration.ofMinutes(5)));
		assertThat(next(events)).isEqualTo("got the call");
		caller.kill();
		assertThat(ended(caller)).isEqualTo(ExitReason.KILLED);
		this.runtime.send(callee.pid(), Cue.GO);
		assertThat(next(events)).isEqualTo(false);
	}

	@Test
	void theCalleesDeathIsNotReportedToTheCallerAfterASuccessfulCall() throws Exception {
		BlockingQueue<Object> got = new LinkedBlockingQueue<>();
		ProcessHandle callee = this.runtime.spawn((ctx) -> {
			((Call) ctx.receive()).reply("answer");
			ctx.receive();
		});
		ProcessHandle caller = this.runtime.spawn((ctx) -> {
			got.add(ctx.runtime().call(callee.pid(), "q", WAIT));
			ctx.receive((message) -> message == Cue.CHECK);
			got.add(ctx.receive(Duration.ofMillis(100)));
		});
		assertThat(next(got)).isEqualTo("answer");
		callee.kill();
		ended(callee);
		this.runtime.send(caller.pid(), Cue.CHECK);
		assertThat(next(got)).isEqualTo(Optional.empty());
		assertThat(ended(caller)).isEqualTo(ExitReason.NORMAL);
	}

	@RepeatedTest(10)
	void concurrentCallersEachGetTheirOwnReply() throws Exception {
		ProcessHandle counter = this.runtime.spawn((ctx) -> {
			int count = 0;
			for (;;) {
				if (ctx.receive() instanceof Call call) {
					call.reply(++count);
				}
			}
		});
		int callers = 8;
		int perCaller = 100;
		Set<Integer> replies = ConcurrentHashMap.newKeySet();
		CountDownLatch start = new CountDownLatch(1);
		List<Thread> threads = new ArrayList<>();
		for (int c = 0; c < callers; c++) {
			threads.add(Thread.ofPlatform().start(() -> {
				try {
					start.await();
					for (int i = 0; i < perCaller; i++) {
						replies.add(this.runtime.<Integer>call(counter.pid(), "next", WAIT));
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}));
		}
		start.countDown();
		for (Thread thread : threads) {
			assertThat(thread.join(WAIT)).isTrue();
		}
		assertThat(replies).hasSize(callers * perCaller);
		assertThat(replies).allMatch((reply) -> reply >= 1 && reply <= callers * perCaller);
	}

	// ------------------------------------------------------------------ helpers

	/** A server that answers every call with its request. */
	private static ProcessBody echo() {
		return (ctx) -> {
			for (;;) {
				if (ctx.receive() instanceof Call call) {
					call.reply(call.request());
				}
			}
		};
	}

	private CompletableFuture<Object> callFromAnotherThread(Pid pid, Object request, Duration timeout) {
		CompletableFuture<Object> outcome = new CompletableFuture<>();
		Thread.ofPlatform().start(() -> {
			try {
				outcome.complete(this.runtime.call(pid, request, timeout));
			}
			catch (Throwable ex) {
				outcome.completeExceptionally(ex);
			}
		});
		return outcome;
	}

	private static Throwable failureOf(CompletableFuture<Object> outcome) throws Exception {
		try {
			Object value = outcome.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			throw new AssertionError("the call returned " + value);
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
	}

}
