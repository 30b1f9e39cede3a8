package io.rusm.bench;

import io.rusm.bench.remote.LoopbackCluster;
import io.rusm.core.Pid;
import io.rusm.core.ProcessBody;
import io.rusm.core.SpawnOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * W7 cluster-wide operations on three rusm nodes in this JVM (three embedded Hazelcast members
 * talking over loopback TCP, as the cluster module's tests run them), rusm only (Pekko has no
 * counterpart of a claim-before-spawn global name or of a cluster-wide group kill in its
 * remoting). Average time per operation:
 * <ul>
 *   <li>{@code claimName}: {@code whereisOrSpawn} of a fresh global name, from the three nodes in
 *       turn (the name's key lands on a random partition owner, as real names do); the idle
 *       holders are killed and their names released between iterations, untimed;</li>
 *   <li>{@code killTag}: {@code killTag} of a group of {@value #TAGGED_PER_NODE} processes on
 *       each node (fan-out to the three nodes), the group respawned before each call, untimed;</li>
 *   <li>{@code census}: the census summed over the three nodes, {@value #CENSUS_PER_NODE}
 *       labeled processes on each.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class W7ClusterOps extends HazelcastForks {

    /** Nodes in the cluster. */
    public static final int NODES = 3;

    /** Members of the killed group on each node. */
    public static final int TAGGED_PER_NODE = 100;

    /** Labeled processes on each node for the census. */
    public static final int CENSUS_PER_NODE = 1_000;

    private static final String TAG = "w7-group";
    private static final ProcessBody IDLE = ctx -> ctx.receive();
    private static final Duration RELEASE_TIMEOUT = Duration.ofMinutes(1);

    /** The three nodes, with the census population. */
    @State(Scope.Benchmark)
    public static class Nodes {

        /** Only rusm plays this workload. */
        @Param({"rusm"})
        public String peer;

        LoopbackCluster cluster;

        /** Starts the cluster and spawns the labeled processes. */
        @Setup(Level.Trial)
        public void start() {
            cluster = LoopbackCluster.start(NODES);
            for (int node = 0; node < NODES; node++) {
                SpawnOptions labeled = SpawnOptions.builder().label("w7-census-" + node).build();
                for (int i = 0; i < CENSUS_PER_NODE; i++) {
                    cluster.runtime(node).spawn(labeled, IDLE);
                }
            }
        }

        /** Stops the cluster. */
        @TearDown(Level.Trial)
        public void stop() {
            cluster.close();
        }
    }

    /** The names claimed in an iteration, and their holders. */
    @State(Scope.Benchmark)
    public static class Claims {
        private final List<Pid> holders = new ArrayList<>();
        private final List<Integer> holderNodes = new ArrayList<>();
        private long next;

        /** Kills the holders and waits until their names are released everywhere. */
        @TearDown(Level.Iteration)
        public void release(Nodes nodes) {
            for (int i = 0; i < holders.size(); i++) {
                nodes.cluster.runtime(holderNodes.get(i)).kill(holders.get(i));
            }
            holders.clear();
            holderNodes.clear();
            long deadline = System.nanoTime() + RELEASE_TIMEOUT.toNanos();
            while (!nodes.cluster.node(0).registered().isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("claimed names were not released within " + RELEASE_TIMEOUT);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
        }
    }

    /** The killed group, spawned again before every call. */
    @State(Scope.Benchmark)
    public static class Group {

        /** Spawns the group's members on every node. */
        @Setup(Level.Invocation)
        public void spawn(Nodes nodes) {
            SpawnOptions tagged = SpawnOptions.builder().tags(TAG).build();
            for (int node = 0; node < NODES; node++) {
                for (int i = 0; i < TAGGED_PER_NODE; i++) {
                    nodes.cluster.runtime(node).spawn(tagged, IDLE);
                }
            }
        }
    }

    /** Claims a fresh global name from the next node: one winner, spawned there. */
    @Benchmark
    public Pid claimName(Nodes nodes, Claims claims) {
        int node = (int) (claims.next % NODES);
        Pid holder = nodes.cluster.node(node).whereisOrSpawn("w7-claim-" + claims.next++, SpawnOptions.DEFAULT, IDLE);
        claims.holders.add(holder);
        claims.holderNodes.add(node);
        return holder;
    }

    /** Kills the group on every node. */
    @Benchmark
    public int killTag(Nodes nodes, Group group) {
        return nodes.cluster.node(0).killTag(TAG);
    }

    /** Counts the processes of every node by label. */
    @Benchmark
    public SortedMap<String, Integer> census(Nodes nodes) {
        return nodes.cluster.node(0).census();
    }
}
