package io.rusm.spring.boot.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.hazelcast.core.HazelcastInstance;
import io.rusm.cluster.RusmCluster;
import io.rusm.test.LoopbackPorts;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Spring application contexts in one JVM, each an instance of the same application: its own
 * runtime and embedded Hazelcast member on a free loopback port, all listing each other.
 */
final class ClusterNodes implements AutoCloseable {

	private final String clusterName = "rusm-spring-test-" + UUID.randomUUID();

	private final List<Integer> ports;

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	private ClusterNodes(int count) {
		this.ports = LoopbackPorts.free(count);
	}

	/**
	 * Starts {@code count} instances of {@code application}, one after the other.
	 * @param count how many
	 * @param application the application's configuration
	 * @param properties more properties for every instance
	 * @return the running instances
	 */
	static ClusterNodes start(int count, Class<?> application, String... properties) {
		ClusterNodes nodes = new ClusterNodes(count);
		for (int i = 0; i < count; i++) {
			nodes.contexts.add(nodes.run(i, application, properties));
		}
		return nodes;
	}

	private ConfigurableApplicationContext run(int index, Class<?> application, String... properties) {
		String members = LoopbackPorts.memberList(this.ports);
		SpringApplication app = new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
			.properties("rusm.cluster.enabled=true", "rusm.cluster.name=" + this.clusterName,
					"rusm.cluster.node-name=node-" + index, "rusm.cluster.port=" + this.ports.get(index),
					"rusm.cluster.members=" + members, "rusm.cluster.failure-detection-timeout=3s",
					"logging.level.com.hazelcast=warn")
			.properties(properties)
			.build();
		return app.run();
	}

	ConfigurableApplicationContext context(int index) {
		return this.contexts.get(index);
	}

	/** The HTTP port of instance {@code index}, when it runs a web server. */
	int httpPort(int index) {
		return Integer.parseInt(context(index).getEnvironment().getRequiredProperty("local.server.port"));
	}

	RusmCluster cluster(int index) {
		return context(index).getBean(RusmCluster.class);
	}

	/** Simulates a crash of instance {@code index}'s member: no goodbye to the others. */
	void crash(int index) {
		context(index).getBean(HazelcastInstance.class).getLifecycleService().terminate();
	}


	@Override
	public void close() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
	}

}
