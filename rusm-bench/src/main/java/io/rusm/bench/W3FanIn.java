package io.rusm.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * W3 fan-in: {@value #PRODUCERS} producer processes each send {@value #PER_PRODUCER} small
 * messages (one shared constant, so no message is allocated) to one consumer; the score is
 * messages received per second. One invocation is one full round.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class W3FanIn {

    /** Producer processes. */
    public static final int PRODUCERS = 4;
    /** Messages each producer sends per round. */
    public static final int PER_PRODUCER = 1_000_000;

    /** Which peer plays. */
    @Param({"rusm", "pekko", "pekko-2", "vt"})
    public String peer;

    private Peer contender;
    private Peer.FanIn fanIn;

    /** Spawns the consumer and the producers. */
    @Setup(Level.Trial)
    public void start() {
        contender = Peer.create(peer);
        fanIn = contender.fanIn(PRODUCERS);
    }

    /** Runs one round: every producer sends its messages, the consumer receives them all. */
    @Benchmark
    @OperationsPerInvocation(PRODUCERS * PER_PRODUCER)
    public void fanIn() {
        fanIn.round(PER_PRODUCER);
    }

    /** Stops the processes. */
    @TearDown(Level.Trial)
    public void stop() {
        contender.close();
    }
}
