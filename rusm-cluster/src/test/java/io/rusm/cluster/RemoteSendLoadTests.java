package io.rusm.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.hazelcast.core.DistributedObject;
import com.hazelcast.topic.ITopic;
import org.junit.jupiter.api.RepeatedTest;

import io.rusm.cluster.hazelcast.HazelcastBackend;
import io.rusm.core.Call;
import io.rusm.core.ExitReason;
import io.rusm.core.MonitorRef;
import io.rusm.core.Pid;
import io.rusm.core.ProcessExitedException;
import io.rusm.core.ProcessHandle;
import io.rusm.core.Runtime;
import io.rusm.core.Signal;
import io.rusm.core.SpawnOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Remote sends under load: envelopes to a node travel in batches, so many senders share each
 * Hazelcast message, each sender's order must survive the batching, and a node that leaves with
 * envelopes still queued for it must end calls and monitors with {@code noconnection} and release
 * its senders.
 */
class RemoteSendLoadTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	/** A numbered message from one of many senders. */
	record Numbered(int sender, int sequence) {
	}

	/** Hazelcast messages that arrived in the inboxes of node {@code index}'s member. */
	private static long hazelcastMessagesReceived(TestMembers members, int index) {
		long received = 0;
		for (DistributedObject object : members.member(index).getDistributedObjects()) {
			if (object instanceof ITopic<?> topic && topic.getName().startsWith(HazelcastBackend.INBOX)) {
				received += topic.getLocalTopicStats().getReceiveOperationCount();
			}
		}
		return received;
	}

	@RepeatedTest(3)
	void manyConcurrentSendersKeepTheirOrderAndShareHazelcastMessages() throws InterruptedException {
		int senders = 16;
		int perSender = 1_000;
		try (TestMembers members = TestMembers.start(2)) {
			BlockingQueue<Object> outcome = new LinkedBlockingQueue<>();
			members.node(0).whereisOrSpawn("counter", SpawnOptions.DEFAULT, (ctx) -> {
				Map<Integer, Integer> next = new HashMap<>();
				for (int received = 0; received < senders * perSender; received++) {
					Numbered message = (Numbered) ctx.receive();
					int expected = next.getOrDefault(message.sender(), 0);
					if (message.sequence() != expected) {
						outcome.add("sender " + message.sender() + " sent " + expected + " before " + message.sequence());
						return;
					}
					next.put(message.sender(), expected + 1);
				}
				outcome.add(next);
			});
			Pid counter = members.node(1).whereis("counter").orElseThrow();
			long before = hazelcastMessagesReceived(members, 0);
			Runtime here = members.runtime(1);
			for (int s = 0; s < senders; s++) {
				int sender = s;
				here.spawn((ctx) -> {
					for (int i = 0; i < perSender; i++) {
						ctx.runtime().send(counter, new Numbered(sender, i));
					}
				});
			}

			Object result = outcome.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);

			assertThat(result).as("every message, each sender's in order").isInstanceOf(Map.class);
			assertThat((Map<?, ?>) result).hasSize(senders).allSatisfy((sender, next) -> assertThat(next).isEqualTo(perSender));
			long batches = hazelcastMessagesReceived(members, 0) - before;
			assertThat(batches).as("Hazelcast messages for %d envelopes", senders * perSender)
				.isPositive()
				.isLessThan(senders * perSender / 4);
		}
	}

	/**
	 * Repeated: the crash sometimes took other nodes' records with it (a partition whose backup
	 * was still being copied after the last join), and the survivors then counted each other as
	 * gone, so the name claimed at the end was never seen across; about one repetition in three
	 * failed before every node announced itself again when a member left.
	 */
	@RepeatedTest(3)
	void aNodeThatCrashesWithMessagesQueuedForItEndsCallsAndMonitorsWithNoconnectionAndReleasesItsSenders()
			throws InterruptedException {
		try (TestMembers members = TestMembers.start(3)) {
			CountDownLatch callArrived = new CountDownLatch(1);
			members.node(0).whereisOrSpawn("sink", SpawnOptions.DEFAULT, (ctx) -> {
				for (;;) {
					if (ctx.receive() instanceof Call) {
						callArrived.countDown();
					}
				}
			});
			Runtime here = members.runtime(1);
			Pid sink = members.node(1).whereis("sink").orElseThrow();
			BlockingQueue<Object> signals = new LinkedBlockingQueue<>();
			ProcessHandle watcher = here.spawn((ctx) -> {
				for (;;) {
					signals.add(ctx.receive());
				}
			});
			MonitorRef ref = here.monitor(watcher.pid(), sink);
			String payload = "x".repeat(1024);
			List<ProcessHandle> senders = new ArrayList<>();
			for (int s = 0; s < 4; s++) {
				senders.add(here.spawn((ctx) -> {
					while (ctx.runtime().send(sink, payload)) {
						Thread.onSpinWait();
					}
				}));
			}
			BlockingQueue<Object> callOutcome = new LinkedBlockingQueue<>();
			Thread.ofVirtual().start(() -> {
				try {
					callOutcome.add(members.node(1).call("sink", "anyone?", Duration.ofSeconds(60)));
				}
				catch (RuntimeException ex) {
					callOutcome.add(ex);
				}
			});
			await().atMost(WAIT).until(() -> hazelcastMessagesReceived(members, 0) > 10);
			// the call is in flight (its name resolved and its caller waiting) before the node crashes
			assertThat(callArrived.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

			members.crash(0);

			Object down = signals.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(down).isEqualTo(new Signal.Down(ref, sink, ExitReason.NOCONNECTION));
			assertThat(callOutcome.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS))
				.isInstanceOfSatisfying(ProcessExitedException.class,
						(ex) -> assertThat(ex.reason()).isEqualTo(ExitReason.NOCONNECTION));
			for (ProcessHandle sender : senders) {
				assertThat(sender.join(WAIT)).as("a sender stopped by the node's departure").contains(ExitReason.NORMAL);
			}
			BlockingQueue<Object> stillReached = new LinkedBlockingQueue<>();
			members.node(2).whereisOrSpawn("survivor", SpawnOptions.DEFAULT, (ctx) -> stillReached.add(ctx.receive()));
			// the names map heals from the crash in the background (backups of the dead member's partitions)
			Pid survivor = await().atMost(WAIT)
				.until(() -> members.node(1).whereis("survivor"), Optional::isPresent)
				.orElseThrow();
			assertThat(here.send(survivor, "still there")).isTrue();
			assertThat(stillReached.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("still there");
		}
	}
}
