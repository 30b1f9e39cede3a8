package io.rusm.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.rusm.core.Call;
import io.rusm.core.CallTimeoutException;
import io.rusm.core.ExitReason;
import io.rusm.core.NoProcessException;
import io.rusm.core.ProcessBody;
import io.rusm.core.ProcessExitedException;
import io.rusm.core.SpawnOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RemoteNamesTests {

	private static TestMembers members;

	@BeforeAll
	static void startCluster() {
		members = TestMembers.start(3);
	}

	@AfterAll
	static void stopCluster() {
		members.close();
	}

	/** A message type that travels between nodes with zero configuration. */
	record Note(int sequence, String text) {
	}

	/** A request and its reply, both plain records. */
	record Add(int left, int right) {
	}

	record Sum(int value) {
	}

	/** A message Hazelcast cannot serialize: a thread is not data. */
	record Unsendable(Thread thread) {
	}

	private static void holder(String name, ProcessBody body) {
		members.node(0).whereisOrSpawn(name, SpawnOptions.DEFAULT, body);
	}

	@Test
	void messagesToAHolderOnAnotherNodeArriveInTheOrderSent() {
		holder("collector", (ctx) -> {
			List<Integer> seen = new ArrayList<>();
			for (;;) {
				switch (ctx.receive()) {
					case Note note -> seen.add(note.sequence());
					case Call call -> call.reply(List.copyOf(seen));
					default -> {
					}
				}
			}
		});
		List<Integer> sent = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			assertThat(members.node(1).send("collector", new Note(i, "note " + i))).isTrue();
			sent.add(i);
		}
		List<Integer> seen = members.node(1).call("collector", "what did you see?", Duration.ofSeconds(10));
		assertThat(seen).containsExactlyElementsOf(sent);
	}

	@Test
	void aCallToAHolderOnAnotherNodeReturnsItsReply() {
		holder("adder", (ctx) -> {
			for (;;) {
				if (ctx.receive() instanceof Call call && call.request() instanceof Add add) {
					call.reply(new Sum(add.left() + add.right()));
				}
			}
		});
		for (int node = 1; node < 3; node++) {
			Sum sum = members.node(node).call("adder", new Add(2, node), Duration.ofSeconds(10));
			assertThat(sum).isEqualTo(new Sum(2 + node));
		}
	}

	@Test
	void aRemoteCalleeThatCrashesFailsTheCallWithItsReason() {
		holder("crasher", (ctx) -> {
			ctx.receive();
			throw new IllegalStateException("boom");
		});
		assertThatExceptionOfType(ProcessExitedException.class)
			.isThrownBy(() -> members.node(2).call("crasher", "go", Duration.ofSeconds(10)))
			.satisfies((ex) -> assertThat(ex.reason()).isInstanceOfSatisfying(ExitReason.Crashed.class,
					(crashed) -> assertThat(crashed.cause()).isInstanceOf(RemoteCrashException.class)
						.hasMessageContaining("boom")));
	}

	@Test
	void aRemoteCalleeThatNeverRepliesTimesOut() {
		holder("sleeper", (ctx) -> {
			for (;;) {
				ctx.receive();
			}
		});
		assertThatExceptionOfType(CallTimeoutException.class)
			.isThrownBy(() -> members.node(1).call("sleeper", "hello?", Duration.ofMillis(300)));
	}

	@Test
	void anUnserializableMessageToAnotherNodeFailsAtOnceNamingItsType() {
		holder("picky", (ctx) -> {
			for (;;) {
				ctx.receive();
			}
		});
		Unsendable unsendable = new Unsendable(Thread.currentThread());
		assertThatIllegalArgumentException().isThrownBy(() -> members.node(1).send("picky", unsendable))
			.withMessageContaining(Unsendable.class.getName())
			.withMessageContaining("another node");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> members.node(2).call("picky", unsendable, Duration.ofSeconds(5)))
			.withMessageContaining(Unsendable.class.getName());
		assertThat(members.node(0).send("picky", unsendable)).as("a local send never serializes").isTrue();
	}

	@Test
	void aCallToANameHeldNowhereHasNoProcess() {
		assertThatExceptionOfType(NoProcessException.class)
			.isThrownBy(() -> members.node(1).call("nobody-anywhere", "ping", Duration.ofSeconds(1)));
	}
}
