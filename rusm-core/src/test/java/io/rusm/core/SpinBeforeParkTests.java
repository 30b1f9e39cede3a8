package io.rusm.core;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;

import static io.rusm.core.ProcessProbes.WAIT;
import static io.rusm.core.ProcessProbes.closeCleanly;
import static io.rusm.core.ProcessProbes.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Spinning before parking, in the real runtime: two processes that bounce messages teach their
 * mailboxes to spin, and the tests check that no message is lost whether it lands during a spin or
 * after the park, and that a process that then waits for long parks instead of spinning.
 */
class SpinBeforeParkTests {

	private static final int ROUND_TRIPS = 20_000;

	private final Runtime runtime = Runtime.create();

	@AfterEach
	void closeRuntime() {
		closeCleanly(this.runtime);
	}

	/** Replies land at random delays around the spin budget: during the spin or after the park. */
	@RepeatedTest(10)
	void repliesArriveWhetherTheOwnerSpinsOrParks() throws Exception {
		BlockingQueue<Object> done = new LinkedBlockingQueue<>();
		Pid ponger = this.runtime.spawn((ctx) -> {
			for (;;) {
				Pid from = (Pid) ctx.receive();
				busyFor(ThreadLocalRandom.current().nextLong(2 * SpinRule.MAX_NANOS));
				ctx.runtime().send(from, "pong");
			}
		}).pid();
		this.runtime.spawn((ctx) -> {
			for (int i = 0; i < ROUND_TRIPS / 10; i++) {
				ctx.runtime().send(ponger, ctx.self());
				assertThat(ctx.receive()).isEqualTo("pong");
			}
			done.add("done");
		});
		assertThat(next(done)).isEqualTo("done");
	}

	/** After a fast exchange taught it to spin, a process left waiting parks: it burns no core. */
	@RepeatedTest(5)
	void aProcessThatTaughtItselfToSpinParksWhenLeftWaiting() throws Exception {
		BlockingQueue<Object> events = new LinkedBlockingQueue<>();
		Pid ponger = this.runtime.spawn((ctx) -> {
			events.add(Thread.currentThread());
			for (;;) {
				Pid from = (Pid) ctx.receive();
				ctx.runtime().send(from, "pong");
			}
		}).pid();
		Thread pongerThread = (Thread) next(events);
		this.runtime.spawn((ctx) -> {
			for (int i = 0; i < ROUND_TRIPS; i++) {
				ctx.runtime().send(ponger, ctx.self());
				ctx.receive();
			}
			events.add("played");
			Optional<Object> nothing = ctx.receive(Duration.ofMillis(5));
			events.add(nothing);
		});
		assertThat(next(events)).isEqualTo("played");
		assertThat(next(events)).isEqualTo(Optional.empty());
		await().atMost(WAIT).until(() -> pongerThread.getState() == Thread.State.WAITING);
		for (int i = 0; i < 1_000; i++) {
			assertThat(pongerThread.getState()).isEqualTo(Thread.State.WAITING);
		}
	}

	private static void busyFor(long nanos) {
		long end = System.nanoTime() + nanos;
		while (System.nanoTime() < end) {
			Thread.onSpinWait();
		}
	}
}
