package io.rusm.bench.spring;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.rusm.bench.endpoint.LoadDriver;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * W8 over HTTP: the sample's kind of controller ({@link LedgerController}) answering each GET
 * through a {@code call} to the {@code @RusmHandler} singleton, a {@code call} to the plain process,
 * or a direct call on the {@code synchronized} bean, served by Spring MVC on Tomcat (virtual
 * threads, as in the sample) on 127.0.0.1 and a random port, and driven over loopback by the
 * closed-loop {@link LoadDriver} in the same JVM. Prints requests per second and latency
 * percentiles per endpoint; the endpoints take turns, round after round, each round starting with
 * the next endpoint, so that a change in the machine's load hits all of them alike.
 *
 * <pre>
 * ./mvnw -q -pl rusm-bench -am verify -DskipTests -Pw8-http -Dw8-http.args="64 10 3 on"
 * </pre>
 *
 * <p>Arguments: concurrent clients (default 64), seconds measured per endpoint and round (10,
 * after a warm-up of half that before the first round), rounds (3: each endpoint leads one), and
 * {@code on}/{@code off} for the starter's observations (default {@code on}, what an application with Actuator gets).
 */
public final class W8HttpLoad {

    private static final long MAX_REQUESTS = 50_000_000;

    private static final List<String> ENDPOINTS = List.of("/handler/add", "/plain/add", "/synchronized/add");

    private W8HttpLoad() {
    }

    /**
     * Runs the measurement.
     *
     * @param args {@code [clients] [seconds] [rounds] [on|off]}
     * @throws InterruptedException if interrupted while measuring
     */
    public static void main(String[] args) throws InterruptedException {
        int clients = (args.length > 0) ? Integer.parseInt(args[0]) : 64;
        Duration measured = Duration.ofSeconds((args.length > 1) ? Integer.parseInt(args[1]) : 10);
        int rounds = (args.length > 2) ? Integer.parseInt(args[2]) : 3;
        String observations = (args.length > 3) ? args[3] : "on";
        if (!observations.equals("on") && !observations.equals("off")) {
            throw new IllegalArgumentException("the fourth argument is on or off (observations), not " + observations);
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(W8Application.class)
                .properties(W8Application.PROPERTIES)
                .properties("rusm.observations.enabled=" + observations.equals("on"))
                .run()) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            System.out.printf(Locale.ROOT, "W8 HTTP -> call -> reply: %d clients, %d s per endpoint and round, %d rounds,"
                    + " observations %s, %d cores, Java %s, load average %.2f%n", clients, measured.toSeconds(), rounds,
                    observations, java.lang.Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.printf(Locale.ROOT, "%-6s %-20s %10s %9s %9s %9s %9s %8s%n", "round", "endpoint", "req/s", "p50 ms",
                    "p90 ms", "p99 ms", "max ms", "errors");
            LoadDriver driver = new LoadDriver(clients, MAX_REQUESTS);
            for (String endpoint : ENDPOINTS) {
                driver.run(uri(port, endpoint), measured.dividedBy(2));
            }
            for (int round = 1; round <= rounds; round++) {
                for (int turn = 0; turn < ENDPOINTS.size(); turn++) {
                    String endpoint = ENDPOINTS.get((round - 1 + turn) % ENDPOINTS.size());
                    LoadDriver.Result result = driver.run(uri(port, endpoint), measured);
                    System.out.printf(Locale.ROOT, "%-6d %-20s %10.0f %9.2f %9.2f %9.2f %9.2f %8d%n", round, endpoint,
                            result.throughput(), result.millis(50), result.millis(90), result.millis(99),
                            result.millis(100), result.failures());
                }
            }
        }
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
