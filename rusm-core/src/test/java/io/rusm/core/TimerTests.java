package io.rusm.core;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.rusm.core.ProcessHandle;
import io.rusm.core.Runtime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.rusm.core.OpenRuntimes.PARKED;
import static io.rusm.core.ProcessProbes.ended;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * {@code sendAfter} timers, in virtual time with a {@link ManualClock} (the seed's paused-time
 * tests) and in real time.
 */
class TimerTests {

	private final OpenRuntimes runtimes = new OpenRuntimes();

	private final ManualClock clock = new ManualClock();

	@AfterEach
	void closeRuntimes() {
		this.runtimes.close();
	}

	private Runtime virtualTimeRuntime() {
		return this.runtimes.build((builder) -> builder.clock(this.clock));
	}

	/** A process that hands everything it receives to {@code sink}, in order. */
	private static ProcessBody forwardingTo(BlockingQueue<Object> sink) {
		return (ctx) -> {
			for (;;) {
				sink.add(ctx.receive());
			}
		};
	}

	// seed: send_after_delivers_when_the_timer_fires
	@Test
	void sendAfterDeliversWhenTheTimerFires() throws Exception {
		Runtime runtime = virtualTimeRuntime();
		CompletableFuture<Object> received = new CompletableFuture<>();
		ProcessHandle target = runtime.spawn((ctx) -> received.complete(ctx.receive()));

		TimerRef timer = runtime.sendAfter(target.pid(), Duration.ofSeconds(60), "ding");
		assertThat(runtime.pendingTimers()).isEqualTo(1);
		assertThat(timer.isPending()).isTrue();

		this.clock.advance(Duration.ofSeconds(59));
		assertThat(timer.isPending()).as("not due after 59 s").isTrue();
		assertThat(received).isNotDone();

		this.clock.advance(Duration.ofSeconds(1));
		assertThat(received.get(10, TimeUnit.SECONDS)).isEqualTo("ding");
		assertThat(timer.isPending()).isFalse();
		assertThat(runtime.pendingTimers()).isZero();
		assertThat(ended(target)).isEqualTo(ExitReason.NORMAL);
	}

	// seed: a_cancelled_timer_never_fires
	@Test
	void aCancelledTimerNeverFires() throws Exception {
		Runtime runtime = virtualTimeRuntime();
		BlockingQueue<Object> received = new LinkedBlockingQueue<>();
		Pid target = runtime.spawn(forwardingTo(received)).pid();

		TimerRef timer = runtime.sendAfter(target, Duration.ofSeconds(60), "x");
		assertThat(timer.cancel()).as("it was pending").isTrue();
		assertThat(runtime.pendingTimers()).isZero();
		this.clock.advance(Duration.ofSeconds(120));

		// A due timer is delivered on the advancing thread, so had it fired it would be in the
		// mailbox ahead of this marker.
		runtime.send(target, "marker");
		assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("marker");
		assertThat(received).isEmpty();
	}

	@Test
	void cancelSaysWhetherTheTimerWasStillPending() throws Exception {
		Runtime runtime = virtualTimeRuntime();
		BlockingQueue<Object> received = new LinkedBlockingQueue<>();
		Pid target = runtime.spawn(forwardingTo(received)).pid();

		TimerRef cancelled = runtime.sendAfter(target, Duration.ofSeconds(5), "never");
		assertThat(cancelled.cancel()).isTrue();
		assertThat(cancelled.cancel()).as("cancelled already").isFalse();
		assertThat(cancelled.isPending()).isFalse();

		TimerRef fired = runtime.sendAfter(target, Duration.ofSeconds(5), "fired");
		this.clock.advance(Duration.ofSeconds(5));
		assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("fired");
		assertThat(fired.cancel()).as("fired already").isFalse();
		assertThat(runtime.pendingTimers()).isZero();
	}

	@Test
	void timersFireInDeadlineOrder() throws Exception {
		Runtime runtime = virtualTimeRuntime();
		BlockingQueue<Object> received = new LinkedBlockingQueue<>();
		Pid target = runtime.spawn(forwardingTo(received)).pid();
		runtime.sendAfter(target, Duration.ofSeconds(3), "c");
		runtime.sendAfter(target, Duration.ofSeconds(1), "a");
		runtime.sendAfter(target, Duration.ofSeconds(2), "b");
		runtime.sendAfter(target, Duration.ofSeconds(30), "later");
		assertThat(runtime.pendingTimers()).isEqualTo(4);

		this.clock.advance(Duration.ofSeconds(5));
		assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("a");
		assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("b");
		assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("c");
		assertThat(runtime.pendingTimers()).isEqualTo(1);
	}

	@Test
	void aZeroDelayTimerFiresWithoutTheClockMoving() throws Exception {
		Runtime runtime = virtualTimeRuntime();
		BlockingQueue<Object> received = new LinkedBlockingQueue<>();
		Pid target = runtime.spawn(forwardingTo(received)).pid();
		runtime.sendAfter(target, Duration.ZERO, "now");
		this.clock.advance(Duration.ZERO);
		assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("now");
	}

	@Test
	void aProcessPendingTimersAreDroppedWhenItExits() throws Exception {
		Runtime runtime = virtualTimeRuntime();
		ProcessHandle killed = runtime.spawn(PARKED);
		CompletableFuture<Void> go = new CompletableFuture<>();
		ProcessHandle returning = runtime.spawn((ctx) -> go.get());
		TimerRef first = runtime.sendAfter(killed.pid(), Duration.ofMinutes(1), "one");
		runtime.sendAfter(killed.pid(), Duration.ofMinutes(2), "two");
		runtime.sendAfter(killed.pid(), Duration.ofHours(1), "three");
		TimerRef other = runtime.sendAfter(returning.pid(), Duration.ofHours(1), "four");
		assertThat(runtime.pendingTimers()).isEqualTo(4);

		killed.kill();
		ended(killed);
		assertThat(runtime.pendingTimers()).isEqualTo(1);
		assertThat(first.isPending()).isFalse();
		assertThat(first.cancel()).as("dropped with its process").isFalse();

		go.complete(null);
		assertThat(ended(returning)).isEqualTo(ExitReason.NORMAL);
		assertThat(runtime.pendingTimers()).isZero();
		assertThat(other.cancel()).isFalse();
	}

	@Test
	void aTimerForADeadPidIsNeverPendingAndNeverRuns() throws Exception {
		Runtime runtime = virtualTimeRuntime();
		ProcessHandle dead = runtime.spawn((ctx) -> {
		});
		ended(dead);
		AtomicBoolean ran = new AtomicBoolean();
		Runnable message = () -> ran.set(true);

		TimerRef timer = runtime.sendAfter(dead.pid(), Duration.ofSeconds(1), message);
		assertThat(runtime.pendingTimers()).isZero();
		assertThat(timer.isPending()).isFalse();
		this.clock.advance(Duration.ofSeconds(2));
		assertThat(ran).as("a message is delivered, never run").isFalse();
		assertThat(timer.cancel()).isFalse();
	}

	@Test
	void aShortRealTimeTimerFires() throws Exception {
		Runtime runtime = this.runtimes.create();
		CompletableFuture<Object> received = new CompletableFuture<>();
		ProcessHandle target = runtime.spawn((ctx) -> received.complete(ctx.receive()));
		long start = System.nanoTime();
		runtime.sendAfter(target.pid(), Duration.ofMillis(50), "tick");
		assertThat(received.get(10, TimeUnit.SECONDS)).isEqualTo("tick");
		assertThat(System.nanoTime() - start).as("not before its delay")
			.isGreaterThanOrEqualTo(Duration.ofMillis(50).toNanos());
		assertThat(runtime.pendingTimers()).isZero();
	}

	@Test
	void badTimerArgumentsAreRejectedClearlyAndTheRuntimeStaysUsable() throws Exception {
		Runtime runtime = virtualTimeRuntime();
		BlockingQueue<Object> received = new LinkedBlockingQueue<>();
		Pid target = runtime.spawn(forwardingTo(received)).pid();

		assertThatIllegalArgumentException().isThrownBy(() -> runtime.sendAfter(target, Duration.ofMillis(-1), "x"))
			.withMessageContaining("delay must not be negative");
		assertThatNullPointerException().isThrownBy(() -> runtime.sendAfter(target, null, "x")).withMessage("delay");
		assertThatNullPointerException().isThrownBy(() -> runtime.sendAfter(null, Duration.ZERO, "x"))
			.withMessage("pid");
		assertThatNullPointerException().isThrownBy(() -> runtime.sendAfter(target, Duration.ZERO, null))
			.withMessage("message");
		assertThatIllegalArgumentException().isThrownBy(() -> this.clock.advance(Duration.ofSeconds(-1)));
		assertThat(runtime.pendingTimers()).isZero();

		runtime.sendAfter(target, Duration.ofSeconds(1), "fine");
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("fine");
	}

}
