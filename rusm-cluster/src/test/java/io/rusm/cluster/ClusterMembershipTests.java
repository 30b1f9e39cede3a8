package io.rusm.cluster;

import java.time.Duration;
import java.util.List;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.rusm.cluster.hazelcast.HazelcastMembers;
import io.rusm.core.Runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ClusterMembershipTests {

	private static TestMembers members;

	@BeforeAll
	static void startCluster() {
		members = TestMembers.start(2);
	}

	@AfterAll
	static void stopCluster() {
		members.close();
	}

	@Test
	void memberConfigFindsPeersByTcpIpOnLoopbackOnly() {
		Config config = HazelcastMembers.config(ClusterSettings.defaults());
		JoinConfig join = config.getNetworkConfig().getJoin();
		assertThat(join.getMulticastConfig().isEnabled()).isFalse();
		assertThat(join.getAutoDetectionConfig().isEnabled()).isFalse();
		assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
		assertThat(join.getTcpIpConfig().getMembers()).containsExactly("127.0.0.1");
		assertThat(config.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("127.0.0.1");
		assertThat(config.getNetworkConfig().getPort()).isEqualTo(5701);
		assertThat(config.getNetworkConfig().isPortAutoIncrement()).isTrue();
		assertThat(config.getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
		assertThat(config.getProperty("hazelcast.max.no.heartbeat.seconds")).isEqualTo("10");
		assertThat(config.getClusterName()).isEqualTo("rusm");
	}

	@Test
	void memberWithMulticastIsRefused() {
		Config config = HazelcastMembers.config(ClusterSettings.defaults());
		config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(true);
		assertThatIllegalStateException().isThrownBy(() -> HazelcastMembers.requireLockedDown(config))
			.withMessageContaining("multicast");
	}

	@Test
	void memberWithAutoDetectionIsRefused() {
		Config config = HazelcastMembers.config(ClusterSettings.defaults());
		JoinConfig join = config.getNetworkConfig().getJoin();
		join.getTcpIpConfig().setEnabled(false);
		join.getAutoDetectionConfig().setEnabled(true);
		assertThatIllegalStateException().isThrownBy(() -> HazelcastMembers.requireLockedDown(config))
			.withMessageContaining("auto-detection");
	}

	@Test
	void hazelcastDefaultConfigIsRefusedBeforeAnyMemberStarts() {
		assertThatIllegalStateException().isThrownBy(() -> HazelcastMembers.requireLockedDown(new Config()))
			.withMessageContaining("multicast");
	}

	@Test
	void memberThatWouldPhoneHomeIsRefused() {
		Config config = HazelcastMembers.config(ClusterSettings.defaults());
		config.setProperty("hazelcast.phone.home.enabled", "true");
		assertThatIllegalStateException().isThrownBy(() -> HazelcastMembers.requireLockedDown(config))
			.withMessageContaining("phone home");
	}

	@Test
	void settingsRejectBadValuesNamingThem() {
		ClusterSettings defaults = ClusterSettings.defaults();
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withPort(0)).withMessageContaining("port");
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withMembers(List.of()))
			.withMessageContaining("members");
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withName(" "))
			.withMessageContaining("cluster name");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> defaults.withFailureDetectionTimeout(Duration.ofMillis(10)))
			.withMessageContaining("failureDetectionTimeout");
	}

	@Test
	void everyNodeListsTheClusterWithNamesAddressesAndProcessCounts() {
		members.runtime(1).spawn((ctx) -> ctx.receive());
		List<NodeInfo> nodes = members.node(0).nodes();
		assertThat(nodes).hasSize(2);
		assertThat(nodes).filteredOn(NodeInfo::local).singleElement().satisfies((local) -> {
			assertThat(local.name()).isEqualTo(members.node(0).nodeName());
			assertThat(local.address()).startsWith("127.0.0.1:");
		});
		NodeInfo other = nodes.stream().filter((node) -> !node.local()).findFirst().orElseThrow();
		assertThat(other.name()).isEqualTo(members.node(1).nodeName());
		assertThat(other.processes()).isEqualTo(members.runtime(1).processCount());
		assertThat(members.node(1).nodes()).extracting(NodeInfo::name)
			.containsExactlyInAnyOrderElementsOf(nodes.stream().map(NodeInfo::name).toList());
	}

	@Test
	void nodeNameDefaultsToTheMemberAddress() {
		assertThat(members.node(0).nodeName()).matches("127\\.0\\.0\\.1:\\d+");
	}

	@Test
	void aMemberRunsOneNodeOnly() {
		try (Runtime runtime = Runtime.create()) {
			assertThatIllegalStateException().isThrownBy(() -> RusmCluster.join(runtime, members.member(0)))
				.withMessageContaining("already runs");
		}
	}
}
