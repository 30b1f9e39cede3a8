package io.rusm.cluster.hazelcast;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node's outbox with real threads: the shipping side is the only stand-in (the Hazelcast topic
 * publish), so that a test can hold the drainer inside a shipment while senders keep queueing.
 */
class OutboxTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final List<List<byte[]>> shipped = new CopyOnWriteArrayList<>();

	private final CountDownLatch firstShipmentStarted = new CountDownLatch(1);

	private final CountDownLatch shipmentsMayGo = new CountDownLatch(1);

	/** Records each batch; the first one waits inside the shipment until the test lets it go. */
	private final Consumer<List<byte[]>> heldShipping = (batch) -> {
		this.firstShipmentStarted.countDown();
		try {
			this.shipmentsMayGo.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.shipped.add(batch);
	};

	private static byte[] envelope(int sender, int sequence) {
		return ByteBuffer.allocate(8).putInt(sender).putInt(sequence).array();
	}

	private int shippedCount() {
		return this.shipped.stream().mapToInt(List::size).sum();
	}

	/**
	 * An outbox whose drainer is inside its first shipment (of {@code first}), held there until
	 * {@link #shipmentsMayGo} opens, so that what is offered next stays queued.
	 */
	private Outbox heldInFirstShipment(long capacityBytes, int maxBatchBytes, byte[] first)
			throws InterruptedException {
		Outbox outbox = new Outbox("test", this.heldShipping, capacityBytes, maxBatchBytes);
		outbox.offer(first, false);
		assertThat(this.firstShipmentStarted.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		return outbox;
	}

	/** A sender offering 20 envelopes to a held outbox too small for them, once it waits for room. */
	private static Thread blockedSender(Outbox outbox) {
		Thread sender = Thread.ofVirtual().start(() -> {
			for (int i = 1; i <= 20; i++) {
				outbox.offer(envelope(0, i), false);
			}
		});
		await().atMost(WAIT).until(() -> sender.getState() == Thread.State.WAITING);
		return sender;
	}

	@RepeatedTest(20)
	void manyConcurrentSendersKeepTheirOrderAndQueuedEnvelopesLeaveInFewBatches() throws InterruptedException {
		int senders = 8;
		int perSender = 500;
		Outbox outbox = heldInFirstShipment(Long.MAX_VALUE, 64 << 10, envelope(-1, 0));
		List<Thread> threads = new ArrayList<>();
		for (int s = 0; s < senders; s++) {
			int sender = s;
			threads.add(Thread.ofVirtual().start(() -> {
				for (int i = 0; i < perSender; i++) {
					outbox.offer(envelope(sender, i), false);
				}
			}));
		}
		for (Thread thread : threads) {
			assertThat(thread.join(WAIT)).isTrue();
		}
		this.shipmentsMayGo.countDown();
		await().atMost(WAIT).until(() -> shippedCount() == 1 + senders * perSender);

		Map<Integer, Integer> next = new HashMap<>();
		this.shipped.stream().flatMap(List::stream).map(ByteBuffer::wrap).forEach((read) -> {
			int sender = read.getInt();
			int sequence = read.getInt();
			if (sender >= 0) {
				assertThat(sequence).as("sender " + sender).isEqualTo(next.getOrDefault(sender, 0));
				next.put(sender, sequence + 1);
			}
		});
		// the 4,000 envelopes queued behind the held shipment leave in one batch (8 bytes each, 64 KiB a batch)
		assertThat(this.shipped).hasSize(2);
		outbox.finish(WAIT);
	}

	/**
	 * Also the race of a sender's wake-up with the drainer waiting for the room lock inside a
	 * shipment, which once lost the wake-up and left the senders waiting for room forever (about
	 * one repetition in 250).
	 */
	@RepeatedTest(300)
	void sendersShippingOnTheirOwnThreadAndSendersLeavingItToTheDrainerKeepTheirOrder() throws InterruptedException {
		int senders = 8;
		int perSender = 2_000;
		List<List<byte[]>> batches = new CopyOnWriteArrayList<>();
		Outbox outbox = new Outbox("test", batches::add, 4 << 10, 1 << 10);
		List<Thread> threads = new ArrayList<>();
		for (int s = 0; s < senders; s++) {
			int sender = s;
			threads.add(Thread.ofVirtual().start(() -> {
				for (int i = 0; i < perSender; i++) {
					outbox.offer(envelope(sender, i), sender % 2 == 0);
				}
			}));
		}
		for (Thread thread : threads) {
			assertThat(thread.join(WAIT)).isTrue();
		}
		assertThat(outbox.finish(WAIT)).isTrue();

		Map<Integer, Integer> next = new HashMap<>();
		batches.stream().flatMap(List::stream).map(ByteBuffer::wrap).forEach((read) -> {
			int sender = read.getInt();
			int sequence = read.getInt();
			assertThat(sequence).as("sender " + sender).isEqualTo(next.getOrDefault(sender, 0));
			next.put(sender, sequence + 1);
		});
		assertThat(next).hasSize(senders).allSatisfy((sender, count) -> assertThat(count).isEqualTo(perSender));
	}

	/**
	 * Envelopes queued before the outbox finishes all leave, even those a sender queued while the
	 * drainer, having just found the queue empty, had not yet looked whether the outbox was still
	 * open (it once took the finish for "nothing left" and dropped them).
	 */
	@RepeatedTest(50)
	void everyEnvelopeQueuedBeforeFinishingLeaves() throws InterruptedException {
		for (int round = 0; round < 2_000; round++) {
			List<List<byte[]>> batches = new CopyOnWriteArrayList<>();
			Outbox outbox = new Outbox("test", batches::add, Long.MAX_VALUE, 64 << 10);
			for (int i = 0; i < 4; i++) {
				outbox.offer(envelope(0, i), false);
			}
			assertThat(outbox.finish(WAIT)).isTrue();
			assertThat(batches.stream().mapToInt(List::size).sum()).as("round " + round).isEqualTo(4);
		}
	}

	@Test
	void aCallerShipsOnItsOwnThreadWhenTheOutboxIsIdleAndQueuesBehindAShipmentUnderWay() throws InterruptedException {
		List<Thread> shippers = new CopyOnWriteArrayList<>();
		Outbox idle = new Outbox("test", (batch) -> {
			shippers.add(Thread.currentThread());
			this.shipped.add(batch);
		}, Long.MAX_VALUE, 64 << 10);

		idle.offer(envelope(0, 0), true);

		assertThat(shippers).containsExactly(Thread.currentThread());
		idle.finish(WAIT);

		Outbox busy = heldInFirstShipment(Long.MAX_VALUE, 64 << 10, envelope(1, 0));
		busy.offer(envelope(1, 1), true);
		busy.offer(envelope(1, 2), true);
		this.shipmentsMayGo.countDown();
		assertThat(busy.finish(WAIT)).isTrue();
		assertThat(this.shipped).extracting(List::size).containsExactly(1, 1, 2);
	}

	@Test
	void aBatchIsShippedWhenItReachesItsSizeAndTheRestFollows() throws InterruptedException {
		Outbox outbox = heldInFirstShipment(Long.MAX_VALUE, 80, envelope(0, 0));
		for (int i = 1; i <= 25; i++) {
			outbox.offer(envelope(0, i), false);
		}
		this.shipmentsMayGo.countDown();

		assertThat(outbox.finish(WAIT)).isTrue();
		assertThat(this.shipped).extracting(List::size).containsExactly(1, 10, 10, 5);
	}

	@Test
	void aSenderThatFillsTheQueueWaitsUntilTheDrainerMakesRoom() throws InterruptedException {
		Outbox outbox = heldInFirstShipment(80, 64 << 10, envelope(0, 0));
		Thread sender = blockedSender(outbox);
		assertThat(sender.isAlive()).isTrue();
		this.shipmentsMayGo.countDown();

		assertThat(sender.join(WAIT)).isTrue();
		assertThat(outbox.finish(WAIT)).isTrue();
		assertThat(shippedCount()).isEqualTo(21);
	}

	@Test
	void whenTheNodeLeavesTheQueueIsDroppedAndAWaitingSenderReturns() throws InterruptedException {
		Outbox outbox = heldInFirstShipment(80, 64 << 10, envelope(0, 0));
		Thread sender = blockedSender(outbox);

		outbox.discard();

		assertThat(sender.join(WAIT)).isTrue();
		this.shipmentsMayGo.countDown();
		assertThat(outbox.finish(WAIT)).isTrue();
		assertThat(shippedCount()).as("only the shipment under way").isEqualTo(1);
		outbox.offer(envelope(0, 99), false);
		assertThat(shippedCount()).isEqualTo(1);
	}

	@Test
	void leavingShipsWhatIsQueuedFirst() throws InterruptedException {
		Outbox outbox = heldInFirstShipment(Long.MAX_VALUE, 64 << 10, envelope(0, 0));
		for (int i = 1; i <= 10; i++) {
			outbox.offer(envelope(0, i), false);
		}
		this.shipmentsMayGo.countDown();

		assertThat(outbox.finish(WAIT)).isTrue();

		assertThat(shippedCount()).isEqualTo(11);
	}
}
