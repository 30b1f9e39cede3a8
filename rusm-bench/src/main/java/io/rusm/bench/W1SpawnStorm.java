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
 * W1 spawn storm: a driver keeps {@value #LIVE} children live; each child's only act is to tell
 * the driver it is done and exit, and the driver replaces it. With {@code monitored} the child
 * does nothing and the driver learns of its exit through a monitor ({@code Signal.Down}; Pekko
 * {@code watch}/{@code Terminated}).
 *
 * <p>The storm runs for the whole trial; each invocation waits for the next {@value #BATCH}
 * replacements, so the score is spawns (each with its exit) per second over steady-state windows.
 *
 * <p>The heap is fixed and pre-touched ({@code -XX:+AlwaysPreTouch}), as in every workload but W4:
 * otherwise allocation into heap pages never touched before makes the kernel zero them on first
 * touch ({@code perf}: about 30% of the CPU in {@code clear_page_erms}), and the storm swings for
 * seconds at a time between about 0.45M and 1.6M spawns/s in the same JVM, for rusm and raw
 * virtual threads alike, until the young generation has been touched once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class W1SpawnStorm {

    /** Children kept live. */
    public static final int LIVE = 10_000;
    /** Replacements per invocation. */
    public static final int BATCH = 10_000;

    /** Which peer plays. */
    @Param({"rusm", "pekko", "pekko-2", "vt"})
    public String peer;

    /** Whether exits are noticed through a monitor instead of a message. */
    @Param({"false", "true"})
    public boolean monitored;

    private Peer contender;
    private SpawnCounter counter;

    /** Starts the storm. */
    @Setup(Level.Trial)
    public void start() {
        contender = Peer.create(peer);
        counter = contender.startStorm(LIVE, monitored);
    }

    /** Waits for the next batch of replacements. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void spawnExit() {
        counter.await(BATCH);
    }

    /** Stops the storm and the peer. */
    @TearDown(Level.Trial)
    public void stop() {
        contender.close();
    }
}
