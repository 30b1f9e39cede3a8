package io.rusm.spring.boot.cluster;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

import io.rusm.cluster.RusmCluster;
import io.rusm.spring.boot.RusmHandler;
import io.rusm.spring.boot.RusmProcess;
import io.rusm.spring.boot.RusmProcessRegistry;
import io.rusm.spring.boot.SingletonStatus;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link RusmProcess.Scope#CLUSTER cluster-scoped} singletons, with instances of one
 * application in one JVM, each its own node on an embedded member.
 */
class ClusterSingletonTests {

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

	@Test
	void runsOnceInTheClusterAnswersFromEveryNodeAndMovesWithinSecondsWhenItsNodeStops() {
		try (ClusterNodes nodes = ClusterNodes.start(3, LeaderApplication.class)) {
			await().atMost(Duration.ofSeconds(30)).until(() -> nodes.cluster(2).nodes().size() == 3);
			String holder = holderSeenByAll(nodes, 0, 1, 2);
			assertThat(nodes.cluster(0).census()).containsEntry("leader", 1);
			assertThat(nodes.cluster(0).registered()).containsKeys("leader", "leader-supervisor");
			int stopping = Integer.parseInt(holder.substring("node-".length()));
			int survivor = (stopping + 1) % 3;
			assertThat(status(nodes, survivor).state()).isEqualTo(SingletonStatus.State.RUNNING);
			assertThat(status(nodes, survivor).pid()).isEqualTo(nodes.cluster(survivor).whereis("leader").orElseThrow());

			long stoppedAt = System.nanoTime();
			nodes.context(stopping).close();
			await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> {
				String now = whoIsLeader(nodes.cluster(survivor));
				return now != null && !now.equals(holder);
			});
			assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt)).isLessThan(Duration.ofSeconds(5));
			String moved = holderSeenByAll(nodes, IntStream.range(0, 3).filter((i) -> i != stopping).toArray());
			assertThat(moved).isNotEqualTo(holder);
			assertThat(nodes.cluster(survivor).census()).containsEntry("leader", 1);
		}
	}

	@Test
	void movesToASurvivorWithinTheFailureDetectionTimeoutWhenItsNodeFails() {
		try (ClusterNodes nodes = ClusterNodes.start(2, LeaderApplication.class)) {
			await().atMost(Duration.ofSeconds(30)).until(() -> nodes.cluster(1).nodes().size() == 2);
			String holder = holderSeenByAll(nodes, 0, 1);
			int failing = Integer.parseInt(holder.substring("node-".length()));
			int survivor = 1 - failing;

			nodes.crash(failing);
			await().atMost(Duration.ofSeconds(3 + 5)).pollInterval(Duration.ofMillis(100))
				.until(() -> ("node-" + survivor).equals(whoIsLeader(nodes.cluster(survivor))));
			assertThat(nodes.cluster(survivor).census()).containsEntry("leader", 1);
		}
	}

	/** Asks the singleton from each of {@code indexes}, expecting one answer. */
	private static String holderSeenByAll(ClusterNodes nodes, int... indexes) {
		Set<String> answers = new HashSet<>();
		for (int index : indexes) {
			answers.add(nodes.cluster(index).call("leader", "who", CALL_TIMEOUT));
		}
		assertThat(answers).hasSize(1);
		return answers.iterator().next();
	}

	private static String whoIsLeader(RusmCluster cluster) {
		try {
			return cluster.call("leader", "who", Duration.ofSeconds(1));
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static SingletonStatus status(ClusterNodes nodes, int index) {
		return nodes.context(index).getBean(RusmProcessRegistry.class).singletons().get(0);
	}

	/** An application with one cluster-scoped singleton; without Spring Security, which the test classpath may hold. */
	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration(excludeName = {
			"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration" })
	public static class LeaderApplication {

		@Bean
		Leader leader(@Value("${rusm.cluster.node-name}") String nodeName) {
			return new Leader(nodeName);
		}

	}

	@RusmProcess(name = "leader", scope = RusmProcess.Scope.CLUSTER)
	static class Leader {

		private final String nodeName;

		Leader(String nodeName) {
			this.nodeName = nodeName;
		}

		@RusmHandler
		String who(String question) {
			return this.nodeName;
		}

	}

}
