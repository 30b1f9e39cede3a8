package io.rusm.bench.growth;

import io.rusm.bench.Footprint;
import io.rusm.bench.IdleRound;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W9 spawn growth: spawn {@code processes} idle processes (each blocks in receive) into a fresh
 * runtime. The score is the time from the first spawn until every process is blocked, which is
 * what a caller waits for; the secondary results (see {@link Footprint}) are the live heap they
 * hold, per process and in all, read after full collections with every process still blocked,
 * against a reading taken the same way before the first spawn.
 *
 * <p>JMH runs each size in a fresh JVM (one fork per parameter combination), so the 10,000 point
 * does not inherit the heap a 1,000,000 round left behind. One warmup round, then measured
 * rounds, each from a fresh runtime. The heap is the one {@code W4IdleProcesses} uses for its
 * million, for every size, so that every point of a curve runs with the same JVM flags.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms8g", "-Xmx8g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class W9Spawn {

    /** Which peer plays: rusm, or raw virtual threads as the floor. */
    @Param({"rusm", "vt"})
    public String peer;

    /** How many idle processes one round spawns. */
    @Param({"10000", "100000", "1000000"})
    public int processes;

    private IdleRound round;

    /** Footprint of one round, reported by JMH as secondary results (read per iteration). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Heap {
        /** Live heap bytes per idle process, its table entry and mailbox included. */
        public double heapBytesPerProcess;
        /** Live heap held by all the idle processes together, in MiB. */
        public double heapMebibytes;
        /** Milliseconds spent in the spawn calls alone, before the last process was blocked. */
        public double spawnCallsMs;
    }

    /** A fresh runtime, and the baseline footprint. */
    @Setup(Level.Iteration)
    public void before() {
        round = IdleRound.start(peer);
    }

    /** Spawns the processes and waits until all of them are blocked in receive. */
    @Benchmark
    public void spawnIdle() {
        round.spawn(processes);
    }

    /** Reads the heap with the processes still blocked, then stops them. */
    @TearDown(Level.Iteration)
    public void after(Heap heap) {
        Footprint.Held held = round.finish();
        heap.heapBytesPerProcess = (double) held.heapBytes() / processes;
        heap.heapMebibytes = held.heapBytes() / (1024.0 * 1024.0);
        heap.spawnCallsMs = held.spawnCallsMs();
    }
}
