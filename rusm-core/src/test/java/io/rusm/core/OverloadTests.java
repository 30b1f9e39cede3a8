package io.rusm.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.rusm.core.ProcessHandle;
import io.rusm.core.Runtime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.rusm.core.OpenRuntimes.PARKED;
import static io.rusm.core.ProcessProbes.eventually;
import static io.rusm.core.ProcessProbes.ended;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Mailbox depth tracking and bounded mailboxes: user messages past the capacity are shed and
 * counted, system signals never are.
 */
class OverloadTests {

	private final OpenRuntimes runtimes = new OpenRuntimes();

	@AfterEach
	void closeRuntimes() {
		this.runtimes.close();
	}

	private static int depth(Runtime runtime, Pid pid) {
		return runtime.info(pid).orElseThrow().mailboxDepth();
	}

	// seed: mailbox_depth_tracks_unconsumed_messages
	@Test
	void mailboxDepthTracksUnconsumedMessages() throws Exception {
		Runtime runtime = this.runtimes.build((builder) -> builder.trackMailboxDepth(true));
		CountDownLatch go = new CountDownLatch(1);
		CountDownLatch done = new CountDownLatch(1);
		ProcessHandle p = runtime.spawn((ctx) -> {
			go.await();
			for (int i = 0; i < 3; i++) {
				ctx.receive();
			}
			done.countDown();
			PARKED.run(ctx);
		});
		// send counts depth before it returns, so this holds whether or not the body has started.
		for (String message : List.of("a", "b", "c")) {
			assertThat(runtime.send(p.pid(), message)).isTrue();
		}
		assertThat(depth(runtime, p.pid())).isEqualTo(3);
		assertThat(runtime.info(p.pid()).orElseThrow().trackedMailboxDepth()).hasValue(3);

		go.countDown();
		assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(depth(runtime, p.pid())).isZero();
	}

	@Test
	void mailboxDepthIsNotTrackedByDefault() {
		Runtime runtime = this.runtimes.create();
		ProcessHandle p = runtime.spawn(PARKED);
		runtime.send(p.pid(), "a");
		runtime.send(p.pid(), "b");
		assertThat(depth(runtime, p.pid())).as("untracked, never a made-up 0").isEqualTo(ProcessInfo.UNTRACKED);
		assertThat(runtime.info(p.pid()).orElseThrow().trackedMailboxDepth()).isEmpty();
	}

	// seed: a_bounded_mailbox_sheds_user_messages_past_capacity
	@Test
	void aBoundedMailboxShedsUserMessagesPastCapacity() {
		Runtime runtime = this.runtimes.build((builder) -> builder.mailboxCapacity(3));
		ProcessHandle p = runtime.spawn(PARKED);
		for (int i = 0; i < 10; i++) {
			runtime.send(p.pid(), i);
		}
		assertThat(depth(runtime, p.pid())).isEqualTo(3);
		assertThat(runtime.droppedMessages()).isEqualTo(7);
	}

	@Test
	void trySendTellsAShedMessageFromADeadProcess() throws Exception {
		Runtime runtime = this.runtimes.build((builder) -> builder.mailboxCapacity(1));
		ProcessHandle p = runtime.spawn(PARKED);
		assertThat(runtime.trySend(p.pid(), "first")).isEqualTo(Delivery.DELIVERED);
		assertThat(runtime.trySend(p.pid(), "second")).isEqualTo(Delivery.SHED);
		assertThat(runtime.send(p.pid(), "third")).isFalse();
		assertThat(runtime.sendNamed("nobody", "x")).isFalse();
		assertThat(runtime.droppedMessages()).isEqualTo(2);

		p.kill();
		ended(p);
		assertThat(runtime.trySend(p.pid(), "late")).isEqualTo(Delivery.NO_PROCESS);
		assertThat(runtime.droppedMessages()).as("a dead target is not overload").isEqualTo(2);
	}

	@Test
	void aBoundedMailboxAcceptsAgainOnceConsumed() throws Exception {
		Runtime runtime = this.runtimes.build((builder) -> builder.mailboxCapacity(2));
		CountDownLatch go = new CountDownLatch(1);
		CompletableFuture<List<Object>> received = new CompletableFuture<>();
		ProcessHandle p = runtime.spawn((ctx) -> {
			go.await();
			List<Object> got = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				got.add(ctx.receive());
			}
			received.complete(got);
		});
		assertThat(runtime.trySend(p.pid(), 1)).isEqualTo(Delivery.DELIVERED);
		assertThat(runtime.trySend(p.pid(), 2)).isEqualTo(Delivery.DELIVERED);
		assertThat(runtime.trySend(p.pid(), 3)).isEqualTo(Delivery.SHED);
		go.countDown();
		eventually().until(() -> depth(runtime, p.pid()) == 0);
		assertThat(runtime.trySend(p.pid(), 4)).isEqualTo(Delivery.DELIVERED);
		assertThat(runtime.trySend(p.pid(), 5)).isEqualTo(Delivery.DELIVERED);
		assertThat(received.get(10, TimeUnit.SECONDS)).containsExactly(1, 2, 4, 5);
		assertThat(runtime.droppedMessages()).isEqualTo(1);
	}

	// seed: a_full_mailbox_still_accepts_system_signals
	@Test
	void aFullMailboxStillAcceptsSystemSignals() throws Exception {
		Runtime runtime = this.runtimes.build((builder) -> builder.mailboxCapacity(2));
		CountDownLatch go = new CountDownLatch(1);
		CompletableFuture<List<Object>> report = new CompletableFuture<>();
		ProcessHandle watcher = runtime.spawn((ctx) -> {
			go.await();
			List<Object> got = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				got.add(ctx.receive());
			}
			report.complete(got);
		});
		Pid wpid = watcher.pid();
		ProcessHandle target = runtime.spawn(PARKED);
		MonitorRef ref = runtime.monitor(wpid, target.pid());

		assertThat(runtime.send(wpid, "a")).isTrue();
		assertThat(runtime.send(wpid, "b")).isTrue();
		assertThat(runtime.send(wpid, "c")).as("past capacity").isFalse();
		assertThat(runtime.droppedMessages()).isEqualTo(1);

		// The Down is a system signal: it lands in the full mailbox, and depth rises to 3.
		runtime.kill(target.pid());
		eventually().until(() -> depth(runtime, wpid) == 3);

		go.countDown();
		assertThat(report.get(10, TimeUnit.SECONDS)).containsExactly("a", "b",
				new Signal.Down(ref, target.pid(), ExitReason.KILLED));
		assertThat(runtime.droppedMessages()).isEqualTo(1);
	}

	@Test
	void aFullMailboxStillAcceptsExitSignalsOfATrappingProcess() throws Exception {
		Runtime runtime = this.runtimes.build((builder) -> builder.mailboxCapacity(1));
		CountDownLatch go = new CountDownLatch(1);
		CompletableFuture<List<Object>> report = new CompletableFuture<>();
		ProcessHandle trapper = runtime.spawn(SpawnOptions.builder().trapExit(true).build(), (ctx) -> {
			go.await();
			report.complete(List.of(ctx.receive(), ctx.receive()));
		});
		ProcessHandle linked = runtime.spawn(SpawnOptions.builder().linkTo(trapper.pid()).build(), PARKED);
		assertThat(runtime.send(trapper.pid(), "full")).isTrue();
		assertThat(runtime.trySend(trapper.pid(), "shed")).isEqualTo(Delivery.SHED);

		linked.kill();
		eventually().until(() -> depth(runtime, trapper.pid()) == 2);
		go.countDown();
		assertThat(report.get(10, TimeUnit.SECONDS)).containsExactly("full",
				new Signal.Exit(linked.pid(), ExitReason.KILLED));
	}

	// seed: mailbox_depth_counts_messages_deferred_by_selective_receive
	@Test
	void mailboxDepthCountsMessagesDeferredBySelectiveReceive() throws Exception {
		Runtime runtime = this.runtimes.build((builder) -> builder.trackMailboxDepth(true));
		CountDownLatch go = new CountDownLatch(1);
		CountDownLatch done = new CountDownLatch(1);
		ProcessHandle p = runtime.spawn((ctx) -> {
			go.await();
			ctx.receive("B"::equals);
			done.countDown();
			PARKED.run(ctx);
		});
		for (String message : List.of("A", "B", "C")) {
			assertThat(runtime.send(p.pid(), message)).isTrue();
		}
		assertThat(depth(runtime, p.pid())).isEqualTo(3);
		assertThat(runtime.info(p.pid()).orElseThrow().trackedMailboxDepth()).hasValue(3);

		go.countDown();
		assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(depth(runtime, p.pid())).as("A and C are deferred but still unconsumed").isEqualTo(2);
	}

	@Test
	void deferredMessagesCountTowardTheCapacity() throws Exception {
		Runtime runtime = this.runtimes.build((builder) -> builder.mailboxCapacity(2));
		CountDownLatch deferred = new CountDownLatch(1);
		ProcessHandle p = runtime.spawn((ctx) -> {
			ctx.receive("wanted"::equals);
			deferred.countDown();
			PARKED.run(ctx);
		});
		assertThat(runtime.send(p.pid(), "skipped")).isTrue();
		assertThat(runtime.send(p.pid(), "wanted")).isTrue();
		assertThat(deferred.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(runtime.trySend(p.pid(), "room for one")).isEqualTo(Delivery.DELIVERED);
		assertThat(runtime.trySend(p.pid(), "no room")).as("the deferred message still takes a slot")
			.isEqualTo(Delivery.SHED);
	}

	@Test
	void capacityMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> Runtime.builder().mailboxCapacity(0))
			.withMessageContaining("mailbox capacity must be positive, got 0");
		assertThatIllegalArgumentException().isThrownBy(() -> Runtime.builder().mailboxCapacity(-5))
			.withMessageContaining("mailbox capacity must be positive, got -5");

		Runtime.Builder builder = Runtime.builder();
		assertThatIllegalArgumentException().isThrownBy(() -> builder.mailboxCapacity(0));
		Runtime runtime = this.runtimes.add(builder.mailboxCapacity(1).build());
		ProcessHandle p = runtime.spawn(PARKED);
		assertThat(runtime.trySend(p.pid(), "x")).isEqualTo(Delivery.DELIVERED);
		assertThat(runtime.trySend(p.pid(), "y")).isEqualTo(Delivery.SHED);
	}

}
