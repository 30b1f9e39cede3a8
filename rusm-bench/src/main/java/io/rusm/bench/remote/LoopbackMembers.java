package io.rusm.bench.remote;

import com.hazelcast.config.Config;
import io.rusm.cluster.ClusterSettings;
import io.rusm.cluster.hazelcast.HazelcastMembers;
import io.rusm.test.LoopbackPorts;
import java.util.List;

/**
 * Hazelcast member configurations for the benchmarks, built as rusm builds its own
 * ({@link HazelcastMembers#config}: a TCP/IP member list on 127.0.0.1, multicast and
 * auto-detection off, phone-home off), with the start-up waits of the cluster module's tests
 * (join at once, no shutdown hook), and checked against the network rules before use.
 */
final class LoopbackMembers {

    private LoopbackMembers() {
    }

    /** A locked-down configuration of a member of {@code cluster} on {@code port} listing {@code members}. */
    static Config config(String cluster, int port, List<String> members) {
        Config config = HazelcastMembers.config(ClusterSettings.defaults()
                .withName(cluster)
                .withPort(port)
                .withMembers(members));
        config.setInstanceName(cluster + "-" + port);
        config.getNetworkConfig().setPortAutoIncrement(false);
        config.getNetworkConfig().getJoin().getTcpIpConfig().setConnectionTimeoutSeconds(1);
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.max.wait.seconds.before.join", "0");
        HazelcastMembers.requireLockedDown(config);
        return config;
    }

    /** {@code 127.0.0.1:port} for every port. */
    static List<String> addresses(List<Integer> ports) {
        return List.of(LoopbackPorts.memberList(ports).split(","));
    }
}
