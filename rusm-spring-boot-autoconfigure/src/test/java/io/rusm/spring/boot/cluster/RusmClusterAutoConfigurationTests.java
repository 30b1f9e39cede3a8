package io.rusm.spring.boot.cluster;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.rusm.cluster.ClusterSettings;
import io.rusm.cluster.RusmCluster;
import io.rusm.cluster.hazelcast.HazelcastMembers;
import io.rusm.spring.boot.ClusterScope;
import io.rusm.spring.boot.autoconfigure.RusmAutoConfiguration;
import io.rusm.spring.boot.autoconfigure.RusmProcessesAutoConfiguration;
import io.rusm.test.LoopbackPorts;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link RusmClusterAutoConfiguration}.
 */
class RusmClusterAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(RusmAutoConfiguration.class, RusmClusterAutoConfiguration.class,
					RusmProcessesAutoConfiguration.class));

	@Test
	void clusterModeIsOffByDefault() {
		this.runner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(RusmCluster.class)
			.doesNotHaveBean(HazelcastInstance.class)
			.doesNotHaveBean(ClusterScope.class));
	}

	@Test
	void backsOffWithoutRusmClusterOnTheClasspath() {
		this.runner.withPropertyValues("rusm.cluster.enabled=true")
			.withClassLoader(new FilteredClassLoader(RusmCluster.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(HazelcastInstance.class)
				.doesNotHaveBean(ClusterScope.class));
	}

	@Test
	void embeddedMemberJoinsByTcpIpOnLoopbackOnlyWithoutPhoneHomeOrShutdownHook() {
		RusmClusterProperties properties = new RusmClusterProperties();
		properties.setMembers(List.of("127.0.0.1:5701", "127.0.0.1:5702"));
		properties.setFailureDetectionTimeout(Duration.ofSeconds(5));
		Config config = RusmClusterAutoConfiguration.memberConfig(properties);
		JoinConfig join = config.getNetworkConfig().getJoin();
		assertThat(join.getMulticastConfig().isEnabled()).isFalse();
		assertThat(join.isAutoDetectionEnabled()).isFalse();
		assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
		assertThat(join.getTcpIpConfig().getMembers()).containsExactly("127.0.0.1:5701", "127.0.0.1:5702");
		assertThat(config.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("127.0.0.1");
		assertThat(config.getNetworkConfig().getPort()).isEqualTo(5701);
		assertThat(config.getNetworkConfig().isPortAutoIncrement()).isTrue();
		assertThat(config.getClusterName()).isEqualTo("rusm");
		assertThat(config.getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
		assertThat(config.getProperty(RusmClusterAutoConfiguration.SHUTDOWN_HOOK)).isEqualTo("false");
		assertThat(config.getProperty("hazelcast.max.no.heartbeat.seconds")).isEqualTo("5");
		HazelcastMembers.requireLockedDown(config);
	}

	@Test
	void invalidPropertiesFailNamingTheKey() {
		RusmClusterProperties properties = new RusmClusterProperties();
		assertThatIllegalArgumentException().isThrownBy(() -> properties.setPort(0))
			.withMessageContaining("rusm.cluster.port");
		assertThatIllegalArgumentException().isThrownBy(() -> properties.setMembers(List.of(" ")))
			.withMessageContaining("rusm.cluster.members");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> properties.setFailureDetectionTimeout(Duration.ofMillis(10)))
			.withMessageContaining("rusm.cluster.failure-detection-timeout");
		this.runner.withPropertyValues("rusm.cluster.enabled=true", "rusm.cluster.port=70000")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void joinsOnTheApplicationsOwnHazelcastInstanceAndLeavesOnClose() {
		this.runner.withPropertyValues("rusm.cluster.enabled=true", "rusm.cluster.node-name=own")
			.withUserConfiguration(OwnMemberConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(HazelcastInstance.class)
					.doesNotHaveBean("rusmHazelcastInstance").hasSingleBean(ClusterScope.class);
				RusmCluster cluster = context.getBean(RusmCluster.class);
				assertThat(cluster.nodeName()).isEqualTo("own");
				assertThat(cluster.nodes()).singleElement().satisfies((node) -> assertThat(node.local()).isTrue());
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnMemberConfiguration {

		@Bean(destroyMethod = "shutdown")
		HazelcastInstance ownMember() {
			int port = LoopbackPorts.free(1).get(0);
			Config config = HazelcastMembers.config(ClusterSettings.defaults()
				.withName("own-" + UUID.randomUUID())
				.withPort(port)
				.withMembers(List.of("127.0.0.1:" + port)));
			config.setProperty("hazelcast.shutdownhook.enabled", "false");
			return Hazelcast.newHazelcastInstance(config);
		}

	}

}
