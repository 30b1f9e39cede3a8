package io.rusm.bench.endpoint;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.rusm.core.Runtime;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Measures the {@code rusm} actuator endpoint under load: starts a minimal Spring Boot
 * application in this JVM on 127.0.0.1 and a random port, fills its runtime with live processes
 * (labeled, in process groups, some named), then lets concurrent clients request the summary and
 * pages of the process table, each for a bounded time, and prints p50/p99 latency and throughput.
 *
 * <pre>
 * ./mvnw -q -pl rusm-bench -am verify -DskipTests -Pendpoint -Dendpoint.args="100000 200 20"
 * </pre>
 *
 * <p>Arguments: live processes (default 100,000), concurrent clients (200), seconds measured per
 * request (20, after a warm-up of a quarter of that). Every request goes to the loopback
 * interface; each run stops at its time limit or after {@value #MAX_REQUESTS} requests.
 */
public final class EndpointLoad {

    private static final long MAX_REQUESTS = 2_000_000;

    private EndpointLoad() {
    }

    /**
     * Runs the measurement.
     *
     * @param args {@code [processes] [clients] [seconds]}
     * @throws InterruptedException if interrupted while measuring
     */
    public static void main(String[] args) throws InterruptedException {
        int processes = (args.length > 0) ? Integer.parseInt(args[0]) : 100_000;
        int clients = (args.length > 1) ? Integer.parseInt(args[1]) : 200;
        Duration measured = Duration.ofSeconds((args.length > 2) ? Integer.parseInt(args[2]) : 20);
        Duration warmUp = measured.dividedBy(4);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(EndpointBenchApplication.class)
                .properties("server.address=127.0.0.1", "server.port=0", "spring.threads.virtual.enabled=true",
                        "management.endpoints.web.exposure.include=rusm", "rusm.log.level=off",
                        "spring.main.banner-mode=off", "logging.level.root=warn")
                .run(args)) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            Runtime runtime = context.getBean(Runtime.class);
            CountDownLatch release = new CountDownLatch(1);
            Population.spawn(runtime, processes, (ctx) -> release.await());
            System.out.printf(Locale.ROOT, "rusm endpoint under load: %,d live processes (%d labels, %,d tags, %d names),"
                    + " %d clients, %d s per request after %d s warm-up, %d cores, Java %s%n", runtime.processCount(),
                    Population.LABELS, Population.TAGS, Population.NAMES, clients, measured.toSeconds(), warmUp.toSeconds(),
                    java.lang.Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            System.out.printf(Locale.ROOT, "%-46s %10s %10s %10s %10s %10s %8s%n", "request", "p50 ms", "p99 ms",
                    "max ms", "req/s", "bytes", "errors");
            LoadDriver driver = new LoadDriver(clients, MAX_REQUESTS);
            for (Map.Entry<String, String> request : requests().entrySet()) {
                URI uri = URI.create("http://127.0.0.1:" + port + request.getValue());
                driver.run(uri, warmUp);
                LoadDriver.Result result = driver.run(uri, measured);
                System.out.printf(Locale.ROOT, "%-46s %10.1f %10.1f %10.1f %10.0f %10d %8d%n", request.getKey(),
                        result.millis(50), result.millis(99), result.millis(100), result.throughput(),
                        result.bytesPerResponse(), result.failures());
            }
            release.countDown();
            awaitExits(runtime, Duration.ofSeconds(60));
        }
    }

    /**
     * Lets the released processes end before the context closes, so its shutdown has nothing to stop.
     *
     * @param runtime the runtime whose processes were released
     * @param patience how long to wait at most
     * @throws InterruptedException if interrupted while waiting
     */
    public static void awaitExits(Runtime runtime, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (runtime.processCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private static Map<String, String> requests() {
        Map<String, String> requests = new LinkedHashMap<>();
        requests.put("GET /actuator/rusm (summary)", "/actuator/rusm");
        requests.put("GET /actuator/rusm/processes (page of 100)", "/actuator/rusm/processes");
        requests.put("GET .../processes?tag=group-7", "/actuator/rusm/processes?tag=group-7");
        return requests;
    }
}
