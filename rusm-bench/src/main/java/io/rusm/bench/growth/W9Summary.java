package io.rusm.bench.growth;

import io.rusm.bench.Latches;
import io.rusm.bench.endpoint.Population;
import io.rusm.core.Runtime;
import io.rusm.spring.boot.actuate.endpoint.RusmEndpoint;
import io.rusm.spring.boot.actuate.endpoint.SummaryDescriptor;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
 * W9 summary growth: one read of the {@code /actuator/rusm} summary while the runtime holds
 * {@code processes} live processes of the endpoint {@link Population} (labeled, in 1,000 process
 * groups, 500 of them named). The read goes to the endpoint bean itself, in process
 * ({@link RusmEndpoint#summary()}, the method the actuator's read operation invokes), so the
 * score is the endpoint's own work, without the constant cost of HTTP and JSON around it.
 *
 * <p>JMH average time over one-second iterations; the population is spawned once per JVM, and each
 * size runs in a fresh JVM. rusm only: the endpoint is rusm's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms8g", "-Xmx8g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class W9Summary {

    /** Which peer plays; only rusm has the endpoint. */
    @Param("rusm")
    public String peer;

    /** How many live processes the runtime holds while the summary is read. */
    @Param({"1000", "100000", "1000000"})
    public int processes;

    private Runtime runtime;
    private RusmEndpoint endpoint;

    /** A runtime holding the population, every process blocked in receive, and the endpoint over it. */
    @Setup(Level.Trial)
    public void populate() {
        runtime = Runtime.create();
        CountDownLatch blocked = new CountDownLatch(processes);
        Population.spawn(runtime, processes, ctx -> {
            blocked.countDown();
            ctx.receive();
        });
        Latches.await(blocked);
        endpoint = new RusmEndpoint(runtime, null, null);
    }

    /**
     * Reads the summary.
     *
     * @return the summary, so that its computation is not optimised away
     */
    @Benchmark
    public SummaryDescriptor summary() {
        return endpoint.summary();
    }

    /** Stops the processes. */
    @TearDown(Level.Trial)
    public void stop() {
        Stopping.stop(runtime);
    }
}
