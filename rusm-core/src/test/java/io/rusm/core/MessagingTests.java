package io.rusm.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

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
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Sending and receiving: FIFO mailboxes, selective receive with the save queue, timeouts, and
 * sends to processes that are not there.
 */
class MessagingTests {

	private final Runtime runtime = Runtime.create();

	@AfterEach
	void closeRuntime() {
		closeCleanly(this.runtime);
	}

	@Test // seed: a_process_receives_a_message_sent_to_its_pid
	void aProcessReceivesAMessageSentToItsPid() throws Exception {
		BlockingQueue<Object> got = new LinkedBlockingQueue<>();
		ProcessHandle handle = this.runtime.spawn((ctx) -> got.add(ctx.receive()));
		assertThat(this.runtime.send(handle.pid(), "hello")).isTrue();
		assertThat(next(got)).isEqualTo("hello");
		assertThat(ended(handle)).isEqualTo(ExitReason.NORMAL);
	}

	@Test // seed: messages_arrive_in_fifo_order
	void messagesArriveInFifoOrder() throws Exception {
		BlockingQueue<List<Object>> got = new LinkedBlockingQueue<>();
		ProcessHandle handle = this.runtime.spawn((ctx) -> {
			List<Object> messages = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				messages.add(ctx.receive());
			}
			got.add(messages);
		});
		for (String message : List.of("a", "b", "c")) {
			assertThat(this.runtime.send(handle.pid(), message)).isTrue();
		}
		assertThat(next(got)).containsExactly("a", "b", "c");
		ended(handle);
	}

	@RepeatedTest(20)
	void messagesFromEachSenderKeepTheirOrderUnderConcurrentSenders() throws Exception {
		int senders = 4;
		int perSender = 2_000;
		record Numbered(int sender, int seq) {
		}
		BlockingQueue<String> verdict = new LinkedBlockingQueue<>();
		ProcessHandle receiver = this.runtime.spawn((ctx) -> {
			int[] expected = new int[senders];
			for (int i = 0; i < senders * perSender; i++) {
				Numbered message = (Numbered) ctx.receive();
				if (message.seq() != expected[message.sender()]) {
					verdict.add("sender " + message.sender() + " sent " + expected[message.sender()] + " but "
							+ message.seq() + " arrived");
					return;
				}
				expected[message.sender()]++;
			}
			verdict.add("in order");
		});
		CountDownLatch start = new CountDownLatch(1);
		List<Thread> threads = new ArrayList<>();
		for (int s = 0; s < senders; s++) {
			int sender = s;
			threads.add(Thread.ofPlatform().start(() -> {
				try {
					start.await();
				}
				catch (InterruptedException ex) {
					return;
				}
				for (int seq = 0; seq < perSender; seq++) {
					this.runtime.send(receiver.pid(), new Numbered(sender, seq));
				}
			}));
		}
		start.countDown();
		for (Thread thread : threads) {
			assertThat(thread.join(WAIT)).isTrue();
		}
		assertThat(next(verdict)).isEqualTo("in order");
		assertThat(ended(receiver)).isEqualTo(ExitReason.NORMAL);
	}

	@RepeatedTest(20)
	void messagesSentTheInstantAfterSpawnAreNeverLost() throws Exception {
		BlockingQueue<List<Object>> got = new LinkedBlockingQueue<>();
		ProcessHandle handle = this.runtime.spawn((ctx) -> {
			List<Object> messages = new ArrayList<>();
			for (int i = 0; i < 100; i++) {
				messages.add(ctx.receive());
			}
			got.add(messages);
		});
		List<Integer> sent = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			assertThat(this.runtime.send(handle.pid(), i)).isTrue();
			sent.add(i);
		}
		assertThat(next(got)).containsExactlyElementsOf(sent);
		ended(handle);
	}

	@Test // seed: recv_match_takes_a_match_and_leaves_the_rest_in_order
	void selectiveReceiveTakesAMatchAndLeavesTheRestInOrder() throws Exception {
		BlockingQueue<List<Object>> got = new LinkedBlockingQueue<>();
		ProcessHandle handle = this.runtime.spawn((ctx) -> {
			// want "B"; "A" arrives first and must stay queued
			Object matched = ctx.receive("B"::equals);
			Object then = ctx.receive();
			Object last = ctx.receive();
			got.add(List.of(matched, then, last));
		});
		for (String message : List.of("A", "B", "C")) {
			assertThat(this.runtime.send(handle.pid(), message)).isTrue();
		}
		assertThat(next(got)).containsExactly("B", "A", "C");
		ended(handle);
	}

	@Test // seed: recv_match_finds_a_previously_deferred_message
	void selectiveReceiveFindsAPreviouslyDeferredMessage() throws Exception {
		BlockingQueue<List<Object>> got = new LinkedBlockingQueue<>();
		ProcessHandle handle = this.runtime.spawn((ctx) -> {
			// match "C" first, deferring A and B; then pull B out of the save queue, leaving A
			Object c = ctx.receive("C"::equals);
			Object b = ctx.receive("B"::equals);
			Object a = ctx.receive();
			got.add(List.of(a, b, c));
		});
		for (String message : List.of("A", "B", "C")) {
			assertThat(this.runtime.send(handle.pid(), message)).isTrue();
		}
		assertThat(next(got)).containsExactly("A", "B", "C");
		ended(handle);
	}

	@Test
	void selectiveReceiveNeverReordersTheMessagesItSkips() throws Exception {
		BlockingQueue<List<Object>> got = new LinkedBlockingQueue<>();
		ProcessHandle handle = this.runtime.spawn((ctx) -> {
			List<Object> order = new ArrayList<>();
			order.add(ctx.receive((message) -> message.equals(9)));
			order.add(ctx.receive((message) -> ((Integer) message) % 2 == 0));
			order.add(ctx.receive((message) -> message.equals(5)));
			for (int i = 0; i < 7; i++) {
				order.add(ctx.receive());
			}
			got.add(order);
		});
		for (int i = 0; i < 10; i++) {
			this.runtime.send(handle.pid(), i);
		}
		assertThat(next(got)).containsExactly(9, 0, 5, 1, 2, 3, 4, 6, 7, 8);
		ended(handle);
	}

	@Test
	void receiveWithTimeoutTimesOutWhenNothingArrives() throws Exception {
		BlockingQueue<Object> got = new LinkedBlockingQueue<>();
		Duration timeout = Duration.ofMillis(100);
		ProcessHandle handle = this.runtime.spawn((ctx) -> {
			long start = System.nanoTime();
			Optional<Object> message = ctx.receive(timeout);
			got.add(message);
			got.add(Duration.ofNanos(System.nanoTime() - start));
		});
		assertThat(next(got)).isEqualTo(Optional.empty());
		assertThat((Duration) next(got)).isGreaterThanOrEqualTo(timeout);
		assertThat(ended(handle)).isEqualTo(ExitReason.NORMAL);
	}

	@Test
	void receiveWithTimeoutReturnsAMessageThatArrivesInTime() throws Exception {
		BlockingQueue<Object> got = new LinkedBlockingQueue<>();
		ProcessHandle handle = this.runtime.spawn((ctx) -> {
			got.add("waiting");
			got.add(ctx.receive(Duration.ofMinutes(1)));
		});
		assertThat(next(got)).isEqualTo("waiting");
		this.runtime.send(handle.pid(), "in time");
		assertThat(next(got)).isEqualTo(Optional.of("in time"));
		ended(handle);
	}

	@Test
	void receiveWithZeroTimeoutOnlyLooks() throws Exception {
		BlockingQueue<Object> got = new LinkedBlockingQueue<>();
		ProcessHandle handle = this.runtime.spawn((ctx) -> {
			ctx.receive((message) -> message == Cue.GO); // "x" arrived first and was saved
			got.add(ctx.receive(Duration.ZERO));
			got.add(ctx.receive(Duration.ZERO));
		});
		this.runtime.send(handle.pid(), "x");
		this.runtime.send(handle.pid(), Cue.GO);
		assertThat(next(got)).isEqualTo(Optional.of("x"));
		assertThat(next(got)).isEqualTo(Optional.empty());
		ended(handle);
	}

	@Test
	void selectiveReceiveWithTimeoutKeepsWhatItSkippedWhenItTimesOut() throws Exception {
		BlockingQueue<Object> got = new LinkedBlockingQueue<>();
		ProcessHandle handle = this.runtime.spawn((ctx) -> {
			ctx.receive((message) -> message == Cue.GO);
			got.add(ctx.receive("missing"::equals, Duration.ofMillis(50)));
			got.add(ctx.receive());
			got.add(ctx.receive());
		});
		this.runtime.send(handle.pid(), "one");
		this.runtime.send(handle.pid(), "two");
		this.runtime.send(handle.pid(), Cue.GO);
		assertThat(next(got)).isEqualTo(Optional.empty());
		assertThat(next(got)).isEqualTo("one");
		assertThat(next(got)).isEqualTo("two");
		ended(handle);
	}

	@Test
	void selectiveReceiveWithTimeoutTakesAMatchArrivingAfterOthers() throws Exception {
		BlockingQueue<Object> got = new LinkedBlockingQueue<>();
		ProcessHandle handle = this.runtime.spawn((ctx) -> {
			got.add("waiting");
			got.add(ctx.receive("wanted"::equals, Duration.ofMinutes(1)));
			got.add(ctx.receive(Duration.ZERO));
		});
		assertThat(next(got)).isEqualTo("waiting");
		this.runtime.send(handle.pid(), "other");
		this.runtime.send(handle.pid(), "wanted");
		assertThat(next(got)).isEqualTo(Optional.of("wanted"));
		assertThat(next(got)).isEqualTo(Optional.of("other"));
		ended(handle);
	}

	@Test // seed: send_to_unknown_pid_returns_false
	void sendToAnUnknownPidReturnsFalse() {
		assertThat(this.runtime.send(Pid.of(424_242_424L), "hi")).isFalse();
		assertThat(this.runtime.trySend(Pid.of(424_242_424L), "hi")).isEqualTo(Delivery.NO_PROCESS);
	}

	@Test // seed: send_to_a_finished_process_returns_false
	void sendToAFinishedProcessReturnsFalse() throws Exception {
		ProcessHandle handle = this.runtime.spawn((ctx) -> {
		});
		ended(handle);
		assertThat(this.runtime.send(handle.pid(), "too late")).isFalse();
		assertThat(this.runtime.trySend(handle.pid(), "too late")).isEqualTo(Delivery.NO_PROCESS);
	}

	@Test
	void trySendToALiveProcessIsDelivered() throws Exception {
		BlockingQueue<Object> got = new LinkedBlockingQueue<>();
		ProcessHandle handle = this.runtime.spawn((ctx) -> got.add(ctx.receive()));
		assertThat(this.runtime.trySend(handle.pid(), "tried")).isEqualTo(Delivery.DELIVERED);
		assertThat(next(got)).isEqualTo("tried");
		ended(handle);
	}

	@Test // seed: two_processes_play_ping_pong
	void twoProcessesPlayPingPong() throws Exception {
		record Ping(Pid replyTo) {
		}
		BlockingQueue<Object> done = new LinkedBlockingQueue<>();
		ProcessHandle ponger = this.runtime.spawn((ctx) -> {
			if (ctx.receive() instanceof Ping(Pid replyTo)) {
				ctx.runtime().send(replyTo, "pong");
			}
		});
		ProcessHandle pinger = this.runtime.spawn((ctx) -> {
			ctx.runtime().send(ponger.pid(), new Ping(ctx.self()));
			done.add(ctx.receive());
		});
		assertThat(next(done)).isEqualTo("pong");
		assertThat(ended(pinger)).isEqualTo(ExitReason.NORMAL);
		assertThat(ended(ponger)).isEqualTo(ExitReason.NORMAL);
	}

	@Test
	void twoProcessesRallyAThousandTimes() throws Exception {
		record Ball(Pid from, int hits) {
		}
		int rally = 1_000;
		BlockingQueue<Object> done = new LinkedBlockingQueue<>();
		ProcessBody player = (ctx) -> {
			for (;;) {
				Ball ball = (Ball) ctx.receive();
				if (ball.hits() >= rally) {
					done.add(ball.hits());
					return;
				}
				ctx.runtime().send(ball.from(), new Ball(ctx.self(), ball.hits() + 1));
			}
		};
		ProcessHandle a = this.runtime.spawn(player);
		ProcessHandle b = this.runtime.spawn(player);
		this.runtime.send(a.pid(), new Ball(b.pid(), 0));
		assertThat(next(done)).isEqualTo(rally);
		// the player that got the last ball returned; the other still waits
		this.runtime.kill(a.pid());
		this.runtime.kill(b.pid());
		ended(a);
		ended(b);
	}

	@Test
	void systemSignalsArriveInOrderWithMessages() throws Exception {
		BlockingQueue<Object> got = new LinkedBlockingQueue<>();
		ProcessHandle target = this.runtime.spawn(parked());
		ProcessHandle watcher = this.runtime.spawn((ctx) -> {
			for (int i = 0; i < 3; i++) {
				got.add(ctx.receive());
			}
		});
		MonitorRef ref = this.runtime.monitor(watcher.pid(), target.pid());
		this.runtime.send(watcher.pid(), "before");
		target.kill();
		ended(target);
		this.runtime.send(watcher.pid(), "after");
		assertThat(next(got)).isEqualTo("before");
		assertThat(next(got)).isEqualTo(new Signal.Down(ref, target.pid(), ExitReason.KILLED));
		assertThat(next(got)).isEqualTo("after");
		ended(watcher);
	}

	@Test
	void onlyTheProcessItselfMayReceiveFromItsMailbox() throws Exception {
		AtomicReference<Context> leaked = new AtomicReference<>();
		CountDownLatch leakedIt = new CountDownLatch(1);
		ProcessHandle handle = this.runtime.spawn((ctx) -> {
			leaked.set(ctx);
			leakedIt.countDown();
			ctx.receive();
		});
		assertThat(leakedIt.await(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)).isTrue();
		Context ctx = leaked.get();
		assertThatIllegalStateException().isThrownBy(ctx::receive).withMessageContaining(handle.pid().toString());
		assertThatIllegalStateException().isThrownBy(() -> ctx.receive(Duration.ZERO));
		assertThatIllegalStateException().isThrownBy(() -> ctx.receive((message) -> true, Duration.ZERO));
		assertThatIllegalStateException().isThrownBy(() -> ctx.sleep(Duration.ZERO));
		// the process's own mailbox is untouched
		this.runtime.send(handle.pid(), "for the owner");
		assertThat(ended(handle)).isEqualTo(ExitReason.NORMAL);
	}

	@Test
	void aProcessSendsThroughItsContextByPidAndByName() throws Exception {
		BlockingQueue<Object> got = new LinkedBlockingQueue<>();
		Pid listener = ProcessProbes.watcher(this.runtime, got);
		assertThat(this.runtime.register("listener", listener)).isTrue();
		BlockingQueue<List<Boolean>> sent = new LinkedBlockingQueue<>();
		ProcessHandle sender = this.runtime.spawn((ctx) -> sent.add(List.of(ctx.send(listener, "by pid"),
				ctx.sendNamed("nobody", "lost"), ctx.send(Pid.of(1, listener.id()), "elsewhere"))));
		assertThat(next(sent)).containsExactly(true, false, false);
		assertThat(next(got)).isEqualTo("by pid");
		ended(sender);

		BlockingQueue<Object> byName = new LinkedBlockingQueue<>();
		Pid named = ProcessProbes.watcher(this.runtime, byName);
		assertThat(this.runtime.register("named", named)).isTrue();
		ProcessHandle second = this.runtime.spawn((ctx) -> sent.add(List.of(ctx.sendNamed("named", "by name"))));
		assertThat(next(sent)).containsExactly(true);
		assertThat(next(byName)).isEqualTo("by name");
		ended(second);
	}

	@Test
	void aTypedReceiveTakesTheOldestMessageOfItsTypeAndKeepsTheOthersInOrder() throws Exception {
		record Reply(int value) {
		}
		BlockingQueue<List<Object>> got = new LinkedBlockingQueue<>();
		CountDownLatch sentAll = new CountDownLatch(1);
		ProcessHandle handle = this.runtime.spawn((ctx) -> {
			sentAll.await();
			Reply reply = ctx.receive(Reply.class);
			Optional<Integer> none = ctx.receive(Integer.class, Duration.ofMillis(20));
			got.add(List.of(reply, none, ctx.receive(), ctx.receive(), ctx.receive(Reply.class)));
		});
		this.runtime.send(handle.pid(), "first");
		this.runtime.send(handle.pid(), new Reply(1));
		this.runtime.send(handle.pid(), "second");
		this.runtime.send(handle.pid(), new Reply(2));
		sentAll.countDown();
		assertThat(next(got)).containsExactly(new Reply(1), Optional.empty(), "first", "second", new Reply(2));
		ended(handle);
	}

	@Test
	void aTypedReceiveWithATimeoutReturnsTheMessageWhenOneArrives() throws Exception {
		BlockingQueue<Optional<Integer>> got = new LinkedBlockingQueue<>();
		ProcessHandle handle = this.runtime.spawn((ctx) -> got.add(ctx.receive(Integer.class, WAIT)));
		this.runtime.send(handle.pid(), "not an integer");
		this.runtime.send(handle.pid(), 42);
		assertThat(next(got)).contains(42);
		ended(handle);
	}
}
