package io.rusm.core;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

import io.rusm.core.ProcessHandle;
import io.rusm.core.Runtime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Small bodies and bounded waits shared by the core tests. Every wait here is bounded by
 * {@link #WAIT}, generous enough for a loaded 2-core machine; none of them is a sleep.
 */
final class ProcessProbes {

	/** The upper bound of every wait in the tests. */
	static final Duration WAIT = Duration.ofSeconds(10);

	private ProcessProbes() {
	}

	/** Cues a test sends to its processes. */
	enum Cue {

		/** Go on. */
		GO,

		/** Report what you have. */
		CHECK

	}

	/**
	 * A body that never ends by itself: it receives and drops everything until it is told to exit
	 * (the seed's {@code std::future::pending()}).
	 */
	static ProcessBody parked() {
		return (ctx) -> {
			for (;;) {
				ctx.receive();
			}
		};
	}

	/**
	 * Spawns a process that forwards the first item it receives to {@code into}, then parks, so it
	 * cannot race its own teardown (the seed's {@code watch}).
	 */
	static Pid watcher(Runtime runtime, BlockingQueue<Object> into) {
		return runtime.spawn((ctx) -> {
			into.add(ctx.receive());
			for (;;) {
				ctx.receive();
			}
		}).pid();
	}

	/**
	 * Spawns a process that waits for {@link Cue#GO}, then ends the way {@code ending} does (the
	 * seed's {@code gated}): the test wires links and monitors up first, with no sleeps.
	 */
	static ProcessHandle gated(Runtime runtime, ProcessBody ending) {
		return runtime.spawn((ctx) -> {
			ctx.receive((message) -> message == Cue.GO);
			ending.run(ctx);
		});
	}

	/** Opens the gate of a {@link #gated(Runtime, ProcessBody) gated} process. */
	static void go(Runtime runtime, ProcessHandle gated) {
		assertThat(runtime.send(gated.pid(), Cue.GO)).as("gated process %s is alive", gated.pid()).isTrue();
	}

	/** An Awaitility wait bounded by {@link #WAIT} that checks at once and then every few milliseconds. */
	static ConditionFactory eventually() {
		return Awaitility.await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5));
	}

	/**
	 * Waits until the garbage collector cleared all of {@code timers} but {@code slack}, failing if
	 * it does not within {@link #WAIT}: a heap keeps the cancelled timers below its purge threshold
	 * (64) until their deadline, so a caller that cannot know how many it keeps allows that many.
	 */
	static void assertReleased(List<WeakReference<TimerRef>> timers, int slack) {
		eventually().untilAsserted(() -> {
			System.gc();
			long held = timers.stream().filter((timer) -> timer.get() != null).count();
			assertThat(held).as("timers of %d still held", timers.size()).isLessThanOrEqualTo(slack);
		});
	}

	/** Takes the next item of {@code queue}, failing if none arrives within {@link #WAIT}. */
	static <T> T next(BlockingQueue<T> queue) throws InterruptedException {
		T item = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(item).as("an item within %s", WAIT).isNotNull();
		return item;
	}

	/** Waits for {@code handle}'s process to end, failing if it does not within {@link #WAIT}. */
	static ExitReason ended(ProcessHandle handle) throws InterruptedException {
		return handle.join(WAIT)
			.orElseThrow(() -> new AssertionError("process " + handle.pid() + " did not end within " + WAIT));
	}

	/**
	 * Kills everything left and closes {@code runtime}, then checks no process outlived it. A
	 * process may still be finishing its teardown (a supervisor killed mid-restart spawns one last
	 * child that its link takes down a moment later), so the check waits, boundedly.
	 */
	static void closeCleanly(Runtime runtime) {
		runtime.shutdown();
		runtime.close();
		eventually().alias("no process outlives close").until(() -> runtime.processCount() == 0);
	}

}
