package io.rusm.bench.growth;

import io.rusm.bench.Latches;
import io.rusm.core.ProcessBody;
import io.rusm.core.ProcessHandle;
import io.rusm.core.Runtime;
import io.rusm.core.SpawnOptions;
import java.util.concurrent.CountDownLatch;
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
 * W9 {@code killTag} growth: a process group of {@code members} idle processes (each blocked in
 * receive) is killed with one {@link Runtime#killTag(String)}. The score is what the caller waits
 * for until the group is gone: from the call until every member's thread has ended (a
 * {@link ProcessHandle#join()} on each, in spawn order, after the call returned); the secondary
 * result is the time in the {@code killTag} call alone, which only tells each member to exit.
 *
 * <p>Each round spawns the group into a fresh runtime, untimed, and waits until every member is
 * blocked. Each size runs in a fresh JVM. rusm only: raw virtual threads have no process groups.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms8g", "-Xmx8g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class W9KillTag {

    private static final String TAG = "doomed";

    /** Which peer plays; only rusm has process groups. */
    @Param("rusm")
    public String peer;

    /** How many processes the group holds. */
    @Param({"1000", "100000", "1000000"})
    public int members;

    private Runtime runtime;
    private ProcessHandle[] group;
    private long callNanos;

    /** The time in the call alone, reported by JMH as a secondary result (read per iteration). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Call {
        /** Milliseconds spent in {@code killTag} itself, before the first join. */
        public double killTagCallMs;
    }

    /** A fresh runtime holding the group, every member blocked in receive. */
    @Setup(Level.Iteration)
    public void spawnGroup() {
        runtime = Runtime.create();
        group = new ProcessHandle[members];
        CountDownLatch blocked = new CountDownLatch(members);
        SpawnOptions tagged = SpawnOptions.builder().tags(TAG).build();
        ProcessBody idle = ctx -> {
            blocked.countDown();
            ctx.receive();
        };
        for (int i = 0; i < members; i++) {
            group[i] = runtime.spawn(tagged, idle);
        }
        Latches.await(blocked);
    }

    /**
     * Kills the group and waits until every member has ended.
     *
     * @throws InterruptedException if the benchmark thread is interrupted while joining
     */
    @Benchmark
    public void killTag() throws InterruptedException {
        long start = System.nanoTime();
        int killed = runtime.killTag(TAG);
        callNanos = System.nanoTime() - start;
        if (killed != members) {
            throw new IllegalStateException("killTag told " + killed + " of " + members + " members to exit");
        }
        for (ProcessHandle member : group) {
            member.join();
        }
    }

    /** Reports the call's time and releases the runtime. */
    @TearDown(Level.Iteration)
    public void after(Call call) {
        call.killTagCallMs = callNanos / 1e6;
        if (runtime.processCount() != 0) {
            throw new IllegalStateException(runtime.processCount() + " processes outlived their group's killTag");
        }
        group = null;
        runtime.close();
    }
}
