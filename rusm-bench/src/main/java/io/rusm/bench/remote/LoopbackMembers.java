package io.rusm.bench.remote;

import com.hazelcast.config.Config;
import io.rusm.cluster.ClusterSettings;
import io.rusm.cluster.hazelcast.HazelcastMembers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
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

    /** {@code count} loopback ports that were free a moment ago. */
    static List<Integer> freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // the port stays free for the member
                }
            }
        }
    }

    /** {@code 127.0.0.1:port} for every port. */
    static List<String> addresses(List<Integer> ports) {
        return ports.stream().map(port -> "127.0.0.1:" + port).toList();
    }
}
