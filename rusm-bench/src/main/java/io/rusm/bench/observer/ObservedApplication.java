package io.rusm.bench.observer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import io.rusm.bench.endpoint.EndpointLoad;
import io.rusm.core.Pid;
import io.rusm.core.Runtime;
import io.rusm.core.SpawnOptions;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application the {@link ObserverCost} probe observes, run in a JVM of its own so that only
 * its CPU time is measured: the starter's auto-configuration with the observer page on, Spring
 * MVC on Tomcat (virtual threads) and Actuator, on 127.0.0.1 and a random port, as the sample
 * application runs them. It spawns the live processes, each with one of {@value #LABELS} labels
 * and in one of {@value #TAGS} process groups {@code batch:i%500}, plus a few that exit (some
 * crashing) so the exits view has something to show, and optionally a steady churn of short-lived
 * processes.
 * <p>
 * It talks to the probe over its standard streams, one line each way: it prints
 * {@code ready <port> <pid number>} once populated, answers {@code cpu} with
 * {@code cpu <nanoseconds> <bytes>} (its {@link OperatingSystemMXBean#getProcessCpuTime()} and
 * {@link ThreadMXBean#getTotalThreadAllocatedBytes()}), and ends
 * when its standard input closes.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class ObservedApplication {

    static final int LABELS = 20;

    static final int TAGS = 500;

    private static final int EXITS = 40;

    /**
     * Starts the application and serves the probe until standard input closes.
     *
     * @param args {@code <processes> <churn per second>}
     * @throws IOException if standard input fails
     * @throws InterruptedException if interrupted while spawning
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        int processes = Integer.parseInt(args[0]);
        int churn = Integer.parseInt(args[1]);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ObservedApplication.class)
                .properties("server.address=127.0.0.1", "server.port=0", "spring.threads.virtual.enabled=true",
                        "management.endpoints.web.exposure.include=rusm", "rusm.observer.enabled=true",
                        "rusm.mailbox.track-depth=true", "rusm.log.level=off", "spring.main.banner-mode=off",
                        "logging.level.root=warn")
                .run();
                ScheduledExecutorService churner = Executors.newSingleThreadScheduledExecutor()) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            Runtime runtime = context.getBean(Runtime.class);
            CountDownLatch release = new CountDownLatch(1);
            Pid first = populate(runtime, processes, release);
            exits(runtime, EXITS);
            System.gc();
            if (churn > 0) {
                AtomicLong spawned = new AtomicLong();
                churner.scheduleAtFixedRate(() -> exits(runtime, 1, spawned.getAndIncrement()), 0,
                        1_000_000 / churn, TimeUnit.MICROSECONDS);
            }
            serve(port, first);
            churner.shutdownNow();
            release.countDown();
            EndpointLoad.awaitExits(runtime, Duration.ofSeconds(60));
        }
    }

    private static Pid populate(Runtime runtime, int processes, CountDownLatch release) {
        Pid first = null;
        for (int i = 0; i < processes; i++) {
            SpawnOptions spawn = SpawnOptions.builder().label("label-" + (i % LABELS)).tags("batch:" + (i % TAGS)).build();
            Pid pid = runtime.spawn(spawn, (ctx) -> release.await()).pid();
            if (first == null) {
                first = pid;
            }
        }
        if (first == null) {
            throw new IllegalArgumentException("at least one process is needed, got " + processes);
        }
        return first;
    }

    private static void exits(Runtime runtime, int count) {
        for (long i = 0; i < count; i++) {
            exits(runtime, 1, i);
        }
    }

    /** Spawns short-lived processes; every tenth crashes. */
    private static void exits(Runtime runtime, int count, long serial) {
        for (int i = 0; i < count; i++) {
            boolean crash = serial % 10 == 0;
            runtime.spawn(SpawnOptions.builder().label("short-lived").build(), (ctx) -> {
                if (crash) {
                    throw new IllegalStateException("crash number " + serial);
                }
            });
        }
    }

    private static void serve(int port, Pid first) throws IOException {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        String number = first.toString().replaceAll("^<0\\.(\\d+)\\.0>$", "$1");
        System.out.println("ready " + port + " " + number);
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.equals("cpu")) {
                System.out.println("cpu " + os.getProcessCpuTime() + " " + threads.getTotalThreadAllocatedBytes());
                System.out.flush();
            }
        }
    }
}
