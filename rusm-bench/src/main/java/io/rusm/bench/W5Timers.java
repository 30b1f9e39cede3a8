package io.rusm.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W5 timers: {@value #TIMERS} pending one-hour {@code sendAfter} timers to one idle process,
 * scheduled from one thread. {@code schedule} times scheduling them all (nanoseconds per
 * schedule) and reports the live heap per pending timer, timer handle included, as a secondary
 * result; {@code cancel} times cancelling them all. Every iteration starts from a fresh runtime.
 *
 * <p>JMH's summary adds auxiliary counters up over iterations: read the per-iteration lines for
 * the heap per timer, as {@link RunAll} does.
 *
 * <p>Pekko runs with its default dispatcher only: its scheduler does not run on the dispatcher
 * and no timer fires, so the 2-thread variant measures the same code.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class W5Timers {

    /** Pending timers per iteration. */
    public static final int TIMERS = 1_000_000;

    /** A fresh runtime with room for the timers, and the baseline heap. */
    @State(Scope.Thread)
    public static class Scheduling {
        /** Which peer plays. */
        @Param({"rusm", "pekko", "vt"})
        public String peer;

        Peer contender;
        Peer.PendingTimers timers;
        long heapBefore;

        /** Creates the runtime and measures the baseline. */
        @Setup(Level.Iteration)
        public void before() {
            contender = Peer.create(peer);
            timers = contender.timers(TIMERS);
            heapBefore = Footprint.liveHeapBytes();
        }

        /** Measures the heap with every timer pending, then cancels them and stops the runtime. */
        @TearDown(Level.Iteration)
        public void after(Memory memory) {
            memory.heapBytesPerTimer = (double) (Footprint.liveHeapBytes() - heapBefore) / TIMERS;
            timers.cancelAll();
            contender.close();
        }
    }

    /** Footprint of one iteration, reported by JMH as a secondary result. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Memory {
        /** Live heap bytes per pending timer, the caller's handle included. */
        public double heapBytesPerTimer;
    }

    /** A fresh runtime with every timer pending. */
    @State(Scope.Thread)
    public static class Cancelling {
        /** Which peer plays. */
        @Param({"rusm", "pekko", "vt"})
        public String peer;

        Peer contender;
        Peer.PendingTimers timers;

        /** Creates the runtime and schedules the timers. */
        @Setup(Level.Iteration)
        public void before() {
            contender = Peer.create(peer);
            timers = contender.timers(TIMERS);
            timers.scheduleAll();
        }

        /** Stops the runtime. */
        @TearDown(Level.Iteration)
        public void after() {
            contender.close();
        }
    }

    /** Schedules every timer. */
    @Benchmark
    @OperationsPerInvocation(TIMERS)
    public void schedule(Scheduling s) {
        s.timers.scheduleAll();
    }

    /** Cancels every timer. */
    @Benchmark
    @OperationsPerInvocation(TIMERS)
    public void cancel(Cancelling c) {
        c.timers.cancelAll();
    }
}
