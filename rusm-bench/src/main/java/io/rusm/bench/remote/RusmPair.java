package io.rusm.bench.remote;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.rusm.cluster.RusmCluster;
import io.rusm.core.Call;
import io.rusm.core.Pid;
import io.rusm.core.Runtime;
import io.rusm.test.LoopbackPorts;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * W7 on rusm: two runtimes joined as nodes of one Hazelcast cluster (one member per JVM, found by
 * a TCP/IP member list on 127.0.0.1). Calls and sends go to remote pids through the runtime's own
 * {@code call}/{@code send}, as an application would make them; the integers travel with
 * Hazelcast's built-in serializer inside rusm's envelope.
 */
final class RusmPair implements RemotePair {

    static final String ECHO = "w7-echo";
    static final String SINK = "w7-sink";
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration FORMATION_TIMEOUT = Duration.ofMinutes(1);

    private final SecondJvm second;
    private final HazelcastInstance member;
    private final Runtime runtime;
    private final RusmCluster cluster;
    private final Pid echo;
    private final Pid sink;
    private final Credits credits = new Credits();

    RusmPair() {
        String name = "rusm-w7-" + UUID.randomUUID();
        List<Integer> ports = LoopbackPorts.free(2);
        List<String> members = LoopbackMembers.addresses(ports);
        second = SecondJvm.start(List.of("rusm", name, Integer.toString(ports.get(1)), String.join(",", members)));
        member = Hazelcast.newHazelcastInstance(LoopbackMembers.config(name, ports.get(0), members));
        runtime = Runtime.create();
        cluster = RusmCluster.join(runtime, member);
        echo = awaitGlobalName(ECHO);
        sink = awaitGlobalName(SINK);
        Pid acknowledgements = runtime.spawn(ctx -> {
            while (true) {
                credits.acknowledged((Integer) ctx.receive());
            }
        }).pid();
        runtime.send(sink, acknowledgements);
    }

    /** Polls until the second node's name is visible here: the two members formed one cluster. */
    private Pid awaitGlobalName(String name) {
        long deadline = System.nanoTime() + FORMATION_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Pid> pid = cluster.whereis(name);
            if (pid.isPresent()) {
                return pid.get();
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        throw new IllegalStateException("the two rusm nodes did not form a cluster within " + FORMATION_TIMEOUT);
    }

    @Override
    public Object call() {
        return runtime.call(echo, REQUEST, CALL_TIMEOUT);
    }

    @Override
    public void send(int n) {
        credits.sendAll(n, () -> runtime.send(sink, MESSAGE));
    }

    @Override
    public void close() {
        cluster.close();
        runtime.shutdown();
        member.getLifecycleService().terminate();
        second.close();
    }

    /**
     * The second JVM's node: an echo process and a receiver that acknowledges every
     * {@link Credits#ACK_EVERY} messages to the pid it was sent first, both under global names.
     *
     * @param args the cluster's name, this member's port, and the member list (comma-separated)
     * @return what to close when the first JVM is done
     */
    static AutoCloseable serve(String[] args) {
        HazelcastInstance member = Hazelcast.newHazelcastInstance(
                LoopbackMembers.config(args[0], Integer.parseInt(args[1]), List.of(args[2].split(","))));
        Runtime runtime = Runtime.create();
        RusmCluster cluster = RusmCluster.join(runtime, member);
        Pid echo = runtime.spawn(ctx -> {
            while (true) {
                if (ctx.receive() instanceof Call call) {
                    call.reply(call.request());
                }
            }
        }).pid();
        Pid sink = runtime.spawn(ctx -> {
            Pid acknowledgements = (Pid) ctx.receive();
            Integer ack = Credits.ACK_EVERY;
            Runtime rt = ctx.runtime();
            for (long count = 1; ; count++) {
                ctx.receive();
                if (count % Credits.ACK_EVERY == 0) {
                    rt.send(acknowledgements, ack);
                }
            }
        }).pid();
        if (!cluster.register(ECHO, echo) || !cluster.register(SINK, sink)) {
            throw new IllegalStateException("the W7 names are taken in cluster " + args[0]);
        }
        System.out.println(SecondJvm.READY);
        System.out.flush();
        return () -> {
            cluster.close();
            runtime.shutdown();
            member.getLifecycleService().terminate();
        };
    }
}
