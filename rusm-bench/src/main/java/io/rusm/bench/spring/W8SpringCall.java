package io.rusm.bench.spring;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.rusm.core.Pid;
import io.rusm.core.Runtime;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.ThreadParams;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * W8, what a Spring user pays, in a real Spring Boot context (the starter's auto-configuration,
 * no web server): the same request (add to a random one of {@value Ledger#SLOTS} counters,
 * answer the new value) as
 * <ul>
 * <li>{@code handler*}: {@code runtime.call(name, request, timeout)} to a {@code @RusmProcess}
 * singleton whose {@code @RusmHandler} method does the work ({@link HandlerLedger});</li>
 * <li>{@code plain*}: the same call to a {@code @RusmProcess} singleton that owns its receive loop
 * ({@link PlainLedger}): the difference to {@code handler*} is the handler dispatch;</li>
 * <li>{@code synchronized*}: a direct call on a {@code synchronized} bean ({@link SynchronizedLedger}).</li>
 * </ul>
 * Each from 1 caller and from {@value #CALLERS} concurrent callers (JMH average time: nanoseconds
 * per call as each caller sees it). A call's time is mostly the hand-off between the caller's and
 * the process's virtual threads, which is bimodal across JVMs on two cores (see W2);
 * {@link W8Dispatch} measures the handler dispatch alone. Callers are virtual threads ({@code -Djmh.executor=VIRTUAL}),
 * as Spring MVC's request threads are with {@code spring.threads.virtual.enabled=true}; each walks
 * its own preallocated random requests.
 *
 * <p>{@code observations}: {@code off} sets {@code rusm.observations.enabled=false}; {@code on}
 * leaves the starter's default, which with Actuator on the class path (as here) observes every
 * handled message and propagates the caller's observation with every message.
 */
@Fork(value = 3, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch", "-Djmh.executor=VIRTUAL"})
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class W8SpringCall {

    /** Concurrent callers of the multi-threaded variants. */
    public static final int CALLERS = 4;

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final int REQUESTS = 1 << 12;

    /** The running Spring Boot application. */
    @State(Scope.Benchmark)
    public static class Application {
        /** Which peer plays: only rusm (RunAll passes it to every workload). */
        @Param({"rusm"})
        public String peer;

        /** Whether the starter observes each handled message (see the class comment). */
        @Param({"off"})
        public String observations;

        ConfigurableApplicationContext context;
        /** The context's runtime. */
        public Runtime runtime;
        SynchronizedLedger synchronizedLedger;
        /** The {@code @RusmHandler} singleton. */
        public Pid handler;
        /** The plain {@code ProcessBody} singleton. */
        public Pid plain;

        /** Starts the context; its singletons start with it. */
        @Setup(Level.Trial)
        public void start() {
            if (!observations.equals("on") && !observations.equals("off")) {
                throw new IllegalArgumentException("observations must be on or off, not " + observations);
            }
            context = new SpringApplicationBuilder(W8Application.class)
                    .web(WebApplicationType.NONE)
                    .properties(W8Application.PROPERTIES)
                    .properties("rusm.observations.enabled=" + observations.equals("on"))
                    .run();
            runtime = context.getBean(Runtime.class);
            synchronizedLedger = context.getBean(SynchronizedLedger.class);
            handler = runtime.whereis(HandlerLedger.NAME).orElseThrow();
            plain = runtime.whereis(PlainLedger.NAME).orElseThrow();
        }

        /** Closes the context, which stops the singletons. */
        @TearDown(Level.Trial)
        public void stop() {
            context.close();
        }
    }

    /** One caller's random requests and its place among them. */
    @State(Scope.Thread)
    public static class Requests {
        Add[] requests;
        int next;

        /** Draws this caller's requests. */
        @Setup(Level.Trial)
        public void draw(ThreadParams thread) {
            requests = Ledger.randomRequests(REQUESTS, 0x5eed + thread.getThreadIndex());
        }

        /**
         * The next request.
         *
         * @return a request to a random slot
         */
        public Add next() {
            int i = next;
            next = (i + 1) & (REQUESTS - 1);
            return requests[i];
        }
    }

    /** A call to the {@code @RusmHandler} singleton, one caller. */
    @Benchmark
    @Threads(1)
    public long handlerCall(Application app, Requests r) {
        return app.runtime.<Long>call(HandlerLedger.NAME, r.next(), TIMEOUT);
    }

    /** A call to the plain {@code ProcessBody} singleton, one caller. */
    @Benchmark
    @Threads(1)
    public long plainCall(Application app, Requests r) {
        return app.runtime.<Long>call(PlainLedger.NAME, r.next(), TIMEOUT);
    }

    /** A direct call on the {@code synchronized} bean, one caller. */
    @Benchmark
    @Threads(1)
    public long synchronizedCall(Application app, Requests r) {
        return app.synchronizedLedger.add(r.next());
    }

    /** A call to the {@code @RusmHandler} singleton, {@value #CALLERS} callers. */
    @Benchmark
    @Threads(CALLERS)
    public long handlerCallConcurrent(Application app, Requests r) {
        return app.runtime.<Long>call(HandlerLedger.NAME, r.next(), TIMEOUT);
    }

    /** A call to the plain {@code ProcessBody} singleton, {@value #CALLERS} callers. */
    @Benchmark
    @Threads(CALLERS)
    public long plainCallConcurrent(Application app, Requests r) {
        return app.runtime.<Long>call(PlainLedger.NAME, r.next(), TIMEOUT);
    }

    /** A direct call on the {@code synchronized} bean, {@value #CALLERS} callers. */
    @Benchmark
    @Threads(CALLERS)
    public long synchronizedCallConcurrent(Application app, Requests r) {
        return app.synchronizedLedger.add(r.next());
    }
}
