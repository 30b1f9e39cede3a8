package io.rusm.bench;

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
 * W4 idle processes: spawn {@value #PROCESSES} processes that each block in receive (or, for the
 * peer {@code rusm-hibernating}, hibernate: no thread until a message comes). The score
 * is the time from the first spawn until every process is blocked; the secondary results (see
 * {@link Memory}) are the live heap and the resident set per process, measured after full
 * collections with all of them still blocked, against a baseline taken the same way before the
 * first spawn. Every iteration starts from a fresh runtime.
 *
 * <p>No warmup iteration, two measured ones per fork: the first, in a fresh JVM, is the only one
 * whose resident-set growth means anything (later rounds reuse memory the first one made
 * resident); the second is the warm spawn time. JMH's summary adds auxiliary counters up over
 * iterations, so read the per-iteration lines, as {@link RunAll} does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xms8g", "-Xmx8g"})
@Warmup(iterations = 0)
@Measurement(iterations = 2)
public class W4IdleProcesses {

    /** Processes spawned per iteration. */
    public static final int PROCESSES = 1_000_000;

    /** Which peer plays. */
    @Param({"rusm", "rusm-hibernating", "pekko", "pekko-2", "vt"})
    public String peer;

    private IdleRound round;

    /** Footprint of one iteration, reported by JMH as secondary results. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Memory {
        /** Live heap bytes per idle process, including its table entry and mailbox. */
        public double heapBytesPerProcess;
        /** Growth of the resident set per idle process (heap, stacks and native memory). */
        public double rssBytesPerProcess;
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
        round.spawn(PROCESSES);
    }

    /** Measures the footprint with the processes still blocked, then stops them. */
    @TearDown(Level.Iteration)
    public void after(Memory memory) {
        Footprint.Held held = round.finish();
        memory.heapBytesPerProcess = (double) held.heapBytes() / PROCESSES;
        memory.rssBytesPerProcess = (double) held.residentBytes() / PROCESSES;
        memory.spawnCallsMs = held.spawnCallsMs();
    }
}
