package io.rusm.cluster;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.rusm.core.NoProcessException;
import io.rusm.core.Pid;
import io.rusm.core.SpawnOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class NodeFailureTests {

	private TestMembers members;

	@BeforeEach
	void startCluster() {
		this.members = TestMembers.start(2);
	}

	@AfterEach
	void stopCluster() {
		this.members.close();
	}

	private Pid holder(int node, String name) {
		return this.members.node(node).whereisOrSpawn(name, SpawnOptions.DEFAULT, (ctx) -> ctx.receive());
	}

	@Test
	void aLeavingNodeReleasesItsNamesAtOnce() {
		holder(1, "leaver");
		assertThat(this.members.node(0).whereis("leaver")).isPresent();
		this.members.node(1).close();
		assertThat(this.members.node(0).whereis("leaver")).isEmpty();
		assertThat(this.members.node(0).registered()).doesNotContainKey("leaver");
		assertThat(this.members.node(0).nodes()).singleElement().satisfies((node) -> assertThat(node.local()).isTrue());
	}

	@Test
	void aCrashedNodesNamesAreReleasedWithinTheFailureDetectionTimeoutAndCanBeClaimedAgain() {
		Pid lost = holder(1, "singleton");
		this.members.crash(1);
		await().atMost(TestMembers.FAILURE_DETECTION.plusSeconds(5))
			.until(() -> this.members.node(0).registered().get("singleton") == null);
		AtomicInteger runs = new AtomicInteger();
		Pid replacement = this.members.node(0).whereisOrSpawn("singleton", SpawnOptions.DEFAULT, (ctx) -> {
			runs.incrementAndGet();
			ctx.receive();
		});
		assertThat(replacement).isNotEqualTo(lost);
		assertThat(this.members.runtime(0).isAlive(replacement)).isTrue();
		await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 1);
		assertThat(this.members.node(0).nodes()).hasSize(1);
	}

	@Test
	void aCallWaitingOnANodeThatCrashesFailsWithoutWaitingForItsTimeout() {
		this.members.node(1).whereisOrSpawn("silent", SpawnOptions.DEFAULT, (ctx) -> {
			for (;;) {
				ctx.receive();
			}
		});
		long started = System.nanoTime();
		Thread crasher = Thread.ofVirtual().start(() -> {
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.members.crash(1);
		});
		assertThatExceptionOfType(NoProcessException.class)
			.isThrownBy(() -> this.members.node(0).call("silent", "anyone?", Duration.ofSeconds(60)))
			.withMessageContaining("left the cluster");
		assertThat(Duration.ofNanos(System.nanoTime() - started))
			.isLessThan(TestMembers.FAILURE_DETECTION.plusSeconds(10));
		crasher.interrupt();
	}
}
