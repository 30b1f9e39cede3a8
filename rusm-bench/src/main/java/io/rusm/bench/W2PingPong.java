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
 * W2 ping-pong: two processes bounce one message back and forth; the score is the mean
 * round-trip time. Each invocation is {@value #ROUND_TRIPS} round trips, so a one-second
 * iteration covers a million of them at the target speed. Results can be bimodal across JVMs on
 * two cores (whether the two processes share a carrier thread or hand off between two), so the
 * suite runs more forks of it. The peer {@code rusm-hibernating} has the answering process
 * hibernate after every ping, so each round trip also wakes it on a new virtual thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 5, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class W2PingPong {

    /** Round trips per invocation. */
    public static final int ROUND_TRIPS = 100_000;

    /** Which peer plays. */
    @Param({"rusm", "rusm-hibernating", "pekko", "pekko-2", "vt"})
    public String peer;

    private Peer contender;
    private Peer.PingPong game;

    /** Spawns the two players. */
    @Setup(Level.Trial)
    public void start() {
        contender = Peer.create(peer);
        game = contender.pingPong();
    }

    /** Plays one batch of round trips. */
    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public void roundTrip() {
        game.roundTrips(ROUND_TRIPS);
    }

    /** Stops the players. */
    @TearDown(Level.Trial)
    public void stop() {
        contender.close();
    }
}
