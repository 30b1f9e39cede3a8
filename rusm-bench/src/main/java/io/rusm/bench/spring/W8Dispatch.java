package io.rusm.bench.spring;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.rusm.core.Pid;
import io.rusm.core.Runtime;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;

/**
 * W8's handler dispatch alone, in the same Spring Boot application as {@link W8SpringCall}: one
 * sender {@code send}s {@value #BATCH} requests to a singleton's mailbox, then waits for one
 * {@code call}; nanoseconds and bytes per request handled by the {@code @RusmHandler} singleton
 * ({@code handlerSend}) and by the plain {@code ProcessBody} one ({@code plainSend}). All virtual
 * threads run on one carrier ({@code -Djdk.virtualThreadScheduler.parallelism=1}), so the sender
 * fills the mailbox before the process runs and the process then handles the whole batch without
 * parking: no cross-carrier hand-off in the figure, only the send, the receive, the dispatch and
 * the work. The difference between the two is what {@code @RusmHandler} dispatch adds per message.
 */
@Fork(value = 3, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch", "-Djmh.executor=VIRTUAL",
    "-Djdk.virtualThreadScheduler.parallelism=1"})
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
public class W8Dispatch {

    /** Requests per invocation. */
    public static final int BATCH = 1000;

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** {@value #BATCH} requests to the {@code @RusmHandler} singleton, the last one a call. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long handlerSend(W8SpringCall.Application app, W8SpringCall.Requests r) {
        return sendBatch(app.runtime, app.handler, r);
    }

    /** {@value #BATCH} requests to the plain {@code ProcessBody} singleton, the last one a call. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long plainSend(W8SpringCall.Application app, W8SpringCall.Requests r) {
        return sendBatch(app.runtime, app.plain, r);
    }

    private static long sendBatch(Runtime runtime, Pid pid, W8SpringCall.Requests r) {
        for (int i = 1; i < BATCH; i++) {
            runtime.send(pid, r.next());
        }
        return runtime.<Long>call(pid, r.next(), TIMEOUT);
    }
}
