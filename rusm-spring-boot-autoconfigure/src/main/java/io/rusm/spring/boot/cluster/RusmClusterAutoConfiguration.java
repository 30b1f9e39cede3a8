package io.rusm.spring.boot.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.rusm.cluster.ClusterSettings;
import io.rusm.cluster.RusmCluster;
import io.rusm.cluster.hazelcast.HazelcastMembers;
import io.rusm.core.Runtime;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.rusm.spring.boot.ClusterScope;
import io.rusm.spring.boot.actuate.endpoint.ClusterSection;
import io.rusm.spring.boot.autoconfigure.RusmAutoConfiguration;
import io.rusm.spring.boot.autoconfigure.RusmProcessesAutoConfiguration;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of cluster mode, on when {@code rusm.cluster.enabled=true} and {@code rusm-cluster} is on
 * the classpath: the runtime joins a cluster as a {@link RusmCluster} node, on an embedded
 * Hazelcast member built from the {@code rusm.cluster.*} properties (TCP/IP member list, bound
 * to {@code 127.0.0.1}, never multicast, phone-home off), or on the application's own
 * {@link HazelcastInstance} bean. Cluster-scoped {@code @RusmProcess} singletons then run once
 * in the cluster; with Actuator, the {@code rusm} endpoint gains its {@code cluster} section
 * and the health check the node count; with Micrometer, the {@code rusm.cluster.*} meters are
 * bound.
 * <p>
 * On context close the node leaves after the singletons stopped (beans are destroyed after
 * every lifecycle stopped), then the embedded member shuts down.
 *
 * @author rusm contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = RusmAutoConfiguration.class, before = RusmProcessesAutoConfiguration.class)
@ConditionalOnClass(RusmCluster.class)
@ConditionalOnBooleanProperty(name = "rusm.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty("rusm.cluster.enabled")
@ConditionalOnBean(Runtime.class)
@EnableConfigurationProperties(RusmClusterProperties.class)
public final class RusmClusterAutoConfiguration {

	/**
	 * Hazelcast's own JVM shutdown hook would leave before the singletons handed over. Instances
	 * started together that formed separate clusters merge within seconds (the merge delays),
	 * not Hazelcast's default five minutes.
	 */
	static final String SHUTDOWN_HOOK = "hazelcast.shutdownhook.enabled";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(HazelcastInstance.class)
	static class EmbeddedMemberConfiguration {

		@Bean(destroyMethod = "shutdown")
		HazelcastInstance rusmHazelcastInstance(RusmClusterProperties properties) {
			return Hazelcast.newHazelcastInstance(memberConfig(properties));
		}

	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	RusmCluster rusmCluster(Runtime runtime, HazelcastInstance hazelcast, RusmClusterProperties properties) {
		return RusmCluster.join(runtime, hazelcast, properties.getNodeName());
	}

	@Bean
	@ConditionalOnMissingBean
	ClusterScope rusmClusterScope(RusmCluster cluster) {
		return new RusmClusterScope(cluster);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(OperationResponseBody.class)
	static class EndpointSectionConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ClusterSection rusmClusterSection(RusmCluster cluster, HazelcastInstance hazelcast) {
			return new RusmClusterSection(cluster, hazelcast.getConfig().getClusterName());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RusmClusterMeterBinder rusmClusterMeterBinder(RusmCluster cluster) {
			return new RusmClusterMeterBinder(cluster);
		}

	}

	/**
	 * The locked-down configuration of the embedded member.
	 * @param properties the {@code rusm.cluster.*} properties
	 * @return a configuration whose member joins by TCP/IP on loopback only
	 */
	static Config memberConfig(RusmClusterProperties properties) {
		ClusterSettings settings = new ClusterSettings(properties.getName(), properties.getPort(),
				properties.getMembers(), ClusterSettings.LOOPBACK, properties.getFailureDetectionTimeout());
		Config config = HazelcastMembers.config(settings);
		config.setProperty(SHUTDOWN_HOOK, "false");
		config.setProperty("hazelcast.merge.first.run.delay.seconds", "10");
		config.setProperty("hazelcast.merge.next.run.delay.seconds", "10");
		return config;
	}

}
