package io.rusm.bench.remote;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.rusm.cluster.RusmCluster;
import io.rusm.core.Runtime;
import io.rusm.test.LoopbackPorts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Several rusm nodes in this JVM, each a runtime joined to its own embedded Hazelcast member on
 * loopback, as the cluster module's tests run them: the fan-out and name-claim workloads measure
 * the cluster's protocol (Hazelcast operations and member-to-member traffic over loopback TCP),
 * which is the same whether the members share a JVM or not.
 */
public final class LoopbackCluster implements AutoCloseable {

    private static final Duration FORMATION_TIMEOUT = Duration.ofMinutes(1);

    private final List<HazelcastInstance> members = new ArrayList<>();
    private final List<Runtime> runtimes = new ArrayList<>();
    private final List<RusmCluster> nodes = new ArrayList<>();

    private LoopbackCluster() {
    }

    /**
     * Starts {@code count} members that list each other, joins a node on each, and waits until
     * every node sees all of them.
     *
     * @return the running cluster
     */
    public static LoopbackCluster start(int count) {
        String name = "rusm-w7-" + UUID.randomUUID();
        List<String> addresses = LoopbackMembers.addresses(LoopbackPorts.free(count));
        LoopbackCluster cluster = new LoopbackCluster();
        for (String address : addresses) {
            int port = Integer.parseInt(address.substring(address.indexOf(':') + 1));
            HazelcastInstance member = Hazelcast.newHazelcastInstance(LoopbackMembers.config(name, port, addresses));
            Runtime runtime = Runtime.create();
            cluster.members.add(member);
            cluster.runtimes.add(runtime);
            cluster.nodes.add(RusmCluster.join(runtime, member));
        }
        long deadline = System.nanoTime() + FORMATION_TIMEOUT.toNanos();
        while (!cluster.nodes.stream().allMatch(node -> node.nodes().size() == count)) {
            if (System.nanoTime() > deadline) {
                cluster.close();
                throw new IllegalStateException(count + " members did not form one cluster within " + FORMATION_TIMEOUT);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        return cluster;
    }

    /** The node of member {@code index}. */
    public RusmCluster node(int index) {
        return nodes.get(index);
    }

    /** The runtime of member {@code index}. */
    public Runtime runtime(int index) {
        return runtimes.get(index);
    }

    /** How many nodes there are. */
    public int size() {
        return nodes.size();
    }

    /** Leaves, stops every runtime and every member. */
    @Override
    public void close() {
        nodes.forEach(RusmCluster::close);
        runtimes.forEach(Runtime::shutdown);
        members.forEach(member -> member.getLifecycleService().terminate());
    }
}
