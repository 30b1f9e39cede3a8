package io.rusm.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

import io.rusm.cluster.hazelcast.HazelcastMembers;
import io.rusm.core.Pid;
import io.rusm.core.Runtime;
import io.rusm.test.LoopbackPorts;

/**
 * Embedded Hazelcast members on free loopback ports, each with a runtime joined as a rusm node,
 * tuned for tests: no shutdown hook, a crash detected within seconds. Every configuration is
 * checked against rusm's network rules before its member starts.
 */
final class TestMembers implements AutoCloseable {

	/** How long a silent member may stay before it is declared dead in these tests. */
	static final Duration FAILURE_DETECTION = Duration.ofSeconds(3);

	private final String clusterName = "rusm-test-" + UUID.randomUUID();

	private final List<HazelcastInstance> members = new ArrayList<>();

	private final List<Runtime> runtimes = new ArrayList<>();

	private final List<RusmCluster> nodes = new ArrayList<>();

	/** Starts {@code count} members that list each other, and joins a node on each. */
	static TestMembers start(int count) {
		TestMembers test = new TestMembers();
		List<Integer> ports = LoopbackPorts.free(count);
		List<String> addresses = ports.stream().map((port) -> "127.0.0.1:" + port).toList();
		for (int port : ports) {
			test.startNode(port, addresses, (config) -> {
			});
		}
		return test;
	}

	/** A locked-down configuration for a member on {@code port} that lists {@code members}. */
	Config config(int port, List<String> members) {
		Config config = HazelcastMembers.config(ClusterSettings.defaults()
			.withName(this.clusterName)
			.withPort(port)
			.withMembers(members)
			.withFailureDetectionTimeout(FAILURE_DETECTION));
		config.setInstanceName(this.clusterName + "-" + port);
		config.getNetworkConfig().setPortAutoIncrement(false);
		config.getNetworkConfig().getJoin().getTcpIpConfig().setConnectionTimeoutSeconds(1);
		config.setProperty("hazelcast.shutdownhook.enabled", "false");
		config.setProperty("hazelcast.partition.count", "17");
		config.setProperty("hazelcast.wait.seconds.before.join", "0");
		config.setProperty("hazelcast.max.wait.seconds.before.join", "0");
		config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
		config.setProperty("hazelcast.graceful.shutdown.max.wait", "5");
		return config;
	}

	/** Starts a member with {@code customizer} applied to its configuration, and joins a node. */
	RusmCluster startNode(int port, List<String> members, Consumer<Config> customizer) {
		Config config = config(port, members);
		customizer.accept(config);
		HazelcastMembers.requireLockedDown(config);
		HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
		this.members.add(member);
		Runtime runtime = Runtime.create();
		this.runtimes.add(runtime);
		RusmCluster node = RusmCluster.join(runtime, member);
		this.nodes.add(node);
		return node;
	}

	RusmCluster node(int index) {
		return this.nodes.get(index);
	}

	Runtime runtime(int index) {
		return this.runtimes.get(index);
	}

	HazelcastInstance member(int index) {
		return this.members.get(index);
	}

	/**
	 * Whether {@code seen}, a pid as node {@code viewer} sees it, stands for process {@code local} of
	 * node {@code owner}: the same process number (unique in this JVM, since process numbers are
	 * thread ids), local on its own node and remote ({@code <K.N.0>}, {@code K >= 1}) elsewhere.
	 */
	static boolean sameProcess(Pid seen, int viewer, Pid local, int owner) {
		return seen.id() == local.id() && seen.isLocal() == (viewer == owner);
	}

	/** Simulates a crash of member {@code index}: no goodbye to the others. */
	void crash(int index) {
		member(index).getLifecycleService().terminate();
	}


	@Override
	public void close() {
		this.nodes.forEach(RusmCluster::close);
		this.members.forEach((member) -> member.getLifecycleService().terminate());
		this.runtimes.forEach(Runtime::shutdown);
	}
}
