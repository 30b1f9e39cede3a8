package io.rusm.bench.observer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Measures what the observer page costs the application it observes: starts the
 * {@link ObservedApplication} in a JVM of its own with 100,000 live processes (20 labels, 500
 * process groups), then measures that JVM's process CPU time
 * ({@code OperatingSystemMXBean.getProcessCpuTime}) over a window with the page closed and over
 * one window per view open in headless Chromium (each once the JIT compilers are idle, or after a
 * minute), and prints the share of one core each costs (and
 * how it splits between serving, the JIT compilers and the garbage collector, read from Linux's
 * {@code /proc}). Before that it sends each URL the page polls many times, one request after the
 * other, and prints the CPU time and the allocation of one request (allocation holds up on a loaded
 * machine; CPU time does not quite), each after a warm-up of at least 500 requests (at most 30 s),
 * which also warms the JIT up as in a long-running application.
 *
 * <pre>
 * ./mvnw -q -pl rusm-bench -am verify -DskipTests -Pobserver -Dobserver.args="100000 20"
 * </pre>
 *
 * <p>Arguments: live processes (default 100,000), seconds measured per window (20, after a
 * warm-up of a quarter of that), then the options {@code --churn=N} (short-lived processes
 * spawned per second, 0 by default), {@code --views=overview,processes} (only these views),
 * {@code --repeat=N} (N consecutive windows per view, to see the JIT settle),
 * {@code --requests-only} and {@code --views-only} (skip the other table) and {@code --jfr=FILE}
 * (the observed JVM writes a flight recording, for
 * {@code jfr print --events jdk.ExecutionSample FILE}). Everything stays on 127.0.0.1.
 */
public final class ObserverCost {

    private static final Duration REQUEST_LOOP = Duration.ofSeconds(3);

    /** Requests sent to warm a URL's path up (JIT) before its loop is measured, unless that takes {@link #MAX_LOOP}. */
    private static final int WARM_UP_REQUESTS = 500;

    private static final Duration MAX_LOOP = Duration.ofSeconds(30);

    private static final long SETTLED_JIT_MILLIS = 20;

    private static final Duration MAX_SETTLE = Duration.ofSeconds(60);

    private ObserverCost() {
    }

    /**
     * Runs the measurement.
     *
     * @param args {@code [processes] [seconds] [--churn=N] [--views=a,b] [--requests-only] [--views-only]
     *     [--jfr=FILE]}
     * @throws Exception if the application, the browser or a request fails
     */
    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        try (ObservedJvm app = new ObservedJvm(options.processes(), options.churn(), options.jfr())) {
            String base = "http://127.0.0.1:" + app.port();
            System.out.printf(Locale.ROOT, "rusm observer cost: %,d live processes (%d labels, %d tags batch:i%%%d),"
                    + " churn %d/s, %d s per window after %d s warm-up, %d cores, Java %s%n", options.processes(),
                    ObservedApplication.LABELS, ObservedApplication.TAGS, ObservedApplication.TAGS, options.churn(),
                    options.window().toSeconds(), options.window().dividedBy(4).toSeconds(),
                    java.lang.Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            if (options.requests()) {
                requests(app, base);
            }
            if (options.views()) {
                views(app, base, options);
            }
        }
    }

    private static void views(ObservedJvm app, String base, Options options) throws Exception {
        System.out.printf(Locale.ROOT, "%n%-30s %10s %14s %15s %11s   %s%n", "window (page as a person opens it)",
                "CPU ms/s", "% of one core", "minus closed", "alloc MB/s", "CPU ms/s by threads");
        Duration warmUp = options.window().dividedBy(4);
        Thread.sleep(warmUp.toMillis());
        settle(app);
        Share closed = share(app, options.window());
        System.out.printf(Locale.ROOT, "%-30s %10.2f %12.2f %% %15s %11.2f   %s%n", "page closed",
                closed.percent() * 10, closed.percent(), "", closed.megabytesPerSecond(), closed.threads());
        try (HeadlessChromium browser = new HeadlessChromium()) {
            // The first page served compiles the paths of the page and its assets: not counted against a view.
            browser.open(base + "/rusm/", "tree", "#supervision li");
            Thread.sleep(options.window().toMillis());
            for (Map.Entry<String, String> view : views(app.pidNumber()).entrySet()) {
                if (!options.shows(view.getKey())) {
                    continue;
                }
                browser.open(base + "/rusm/", view.getKey(), view.getValue());
                Thread.sleep(warmUp.toMillis());
                settle(app);
                for (int i = 0; i < options.repeat(); i++) {
                    Share share = share(app, options.window());
                    System.out.printf(Locale.ROOT, "%-30s %10.2f %12.2f %% %13.2f %% %11.2f   %s%n", view.getKey(),
                            share.percent() * 10, share.percent(), share.percent() - closed.percent(),
                            share.megabytesPerSecond(), share.threads());
                }
            }
            browser.blank();
        }
    }

    /**
     * Waits (at most {@link #MAX_SETTLE}) until the JIT compilers used under {@value #SETTLED_JIT_MILLIS} ms of
     * CPU in a second: compilations queued by earlier requests would otherwise be counted against the next view.
     */
    private static void settle(ObservedJvm app) throws InterruptedException {
        long deadline = System.nanoTime() + MAX_SETTLE.toNanos();
        while (System.nanoTime() < deadline) {
            ThreadTimes before = ThreadTimes.of(app.pid());
            Thread.sleep(1000);
            if (ThreadTimes.of(app.pid()).millisSince(before).get(ThreadTimes.Kind.JIT) < SETTLED_JIT_MILLIS) {
                return;
            }
        }
    }

    /** The views to open, each with a CSS selector that matches once it shows data. */
    private static Map<String, String> views(String pidNumber) {
        Map<String, String> views = new LinkedHashMap<>();
        views.put("overview", "#counters .counter");
        views.put("processes", "#process-table tbody tr");
        views.put("processes?tag=batch:7", "#process-table tbody tr");
        views.put("processes?label=label-3", "#process-table tbody tr");
        views.put("process/<0." + pidNumber + ".0>", "#process-detail h2");
        views.put("tree", "#supervision li");
        views.put("groups", "#tag-table tbody tr");
        views.put("exits", "#exit-list .exit");
        return views;
    }

    /** The JVM's CPU time over a window, as a percentage of one core, and its allocation rate. */
    private static Share share(ObservedJvm app, Duration window) throws InterruptedException {
        ObservedJvm.Usage before = app.usage();
        ThreadTimes threads = ThreadTimes.of(app.pid());
        long start = System.nanoTime();
        Thread.sleep(window.toMillis());
        ObservedJvm.Usage used = app.usage().since(before);
        long elapsed = System.nanoTime() - start;
        StringBuilder byKind = new StringBuilder();
        ThreadTimes.of(app.pid()).millisSince(threads).forEach((kind, millis) -> byKind
                .append(String.format(Locale.ROOT, "%s %.1f  ", kind.name().toLowerCase(Locale.ROOT),
                        millis / (elapsed / 1e9))));
        return new Share(100.0 * used.cpuNanos() / elapsed, used.allocatedBytes() / 1e6 / (elapsed / 1e9),
                byKind.toString().strip());
    }

    private static void requests(ObservedJvm app, String base) throws IOException, InterruptedException {
        System.out.printf(Locale.ROOT, "%n%-54s %11s %13s %9s %9s%n", "request (one after the other)", "CPU ms/req",
                "alloc KB/req", "bytes", "requests");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (Map.Entry<String, String> request : requests(app.pidNumber()).entrySet()) {
            URI uri = URI.create(base + request.getValue());
            HttpRequest get = HttpRequest.newBuilder(uri).header("Accept", "application/json").GET().build();
            loop(http, get, REQUEST_LOOP, WARM_UP_REQUESTS, app);
            RequestCost cost = loop(http, get, REQUEST_LOOP, 1, app);
            System.out.printf(Locale.ROOT, "%-54s %11.3f %13.1f %9d %9d%n", request.getKey(),
                    cost.used().cpuNanos() / 1e6 / cost.requests(),
                    cost.used().allocatedBytes() / 1024.0 / cost.requests(), cost.bytes(), cost.requests());
        }
    }

    /** What the page polls, and what a person's clicks on the table ask for. */
    private static Map<String, String> requests(String pidNumber) {
        String endpoint = "/actuator/rusm";
        String page = endpoint + "/processes?limit=50&offset=0";
        Map<String, String> requests = new LinkedHashMap<>();
        requests.put("GET /rusm/settings", "/rusm/settings");
        requests.put("GET /actuator/rusm (summary)", endpoint);
        requests.put("GET .../processes (page of 50 by pid)", page + "&sort=pid&order=asc");
        requests.put("GET .../processes (page 1,001 by pid)",
                endpoint + "/processes?limit=50&offset=50000&sort=pid&order=asc");
        requests.put("GET .../processes (by mailbox depth, desc)", page + "&sort=mailboxDepth&order=desc");
        requests.put("GET .../processes (by age)", page + "&sort=age&order=asc");
        requests.put("GET .../processes?tag=batch:7", page + "&sort=pid&order=asc&tag=batch:7");
        requests.put("GET .../processes?label=label-3", page + "&sort=pid&order=asc&label=label-3");
        requests.put("GET .../processes/" + pidNumber + " (detail)", endpoint + "/processes/" + pidNumber);
        requests.put("GET .../exits", endpoint + "/exits");
        return requests;
    }

    /**
     * Sends one request after the other for at least a duration and at least a number of requests
     * (at most {@link #MAX_LOOP}), and returns what they used.
     */
    private static RequestCost loop(HttpClient http, HttpRequest get, Duration duration, int atLeast,
            ObservedJvm app) throws IOException, InterruptedException {
        ObservedJvm.Usage before = app.usage();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        long cap = start + MAX_LOOP.toNanos();
        long requests = 0;
        long bytes = 0;
        do {
            HttpResponse<byte[]> response = http.send(get, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException(get.uri() + " answered " + response.statusCode());
            }
            bytes = response.body().length;
            requests++;
        }
        while (System.nanoTime() < deadline || (requests < atLeast && System.nanoTime() < cap));
        return new RequestCost(requests, app.usage().since(before), bytes);
    }

    /** The CPU share of a window and its allocation rate. */
    private record Share(double percent, double megabytesPerSecond, String threads) {
    }

    /** What a loop of requests used. */
    private record RequestCost(long requests, ObservedJvm.Usage used, long bytes) {
    }

    /** The command line. */
    private record Options(int processes, Duration window, int repeat, int churn, List<String> only, boolean views,
            boolean requests, @Nullable Path jfr) {

        boolean shows(String view) {
            return this.only.isEmpty() || this.only.contains(view);
        }

        static Options parse(String[] args) {
            int processes = 100_000;
            int seconds = 20;
            int churn = 0;
            int repeat = 1;
            List<String> only = List.of();
            boolean views = true;
            boolean requests = true;
            Path jfr = null;
            int positional = 0;
            for (String arg : args) {
                if (arg.startsWith("--churn=")) {
                    churn = Integer.parseInt(arg.substring("--churn=".length()));
                }
                else if (arg.startsWith("--repeat=")) {
                    repeat = Integer.parseInt(arg.substring("--repeat=".length()));
                }
                else if (arg.startsWith("--views=")) {
                    only = Arrays.asList(arg.substring("--views=".length()).split(","));
                }
                else if (arg.equals("--requests-only")) {
                    views = false;
                }
                else if (arg.equals("--views-only")) {
                    requests = false;
                }
                else if (arg.startsWith("--jfr=")) {
                    jfr = Path.of(arg.substring("--jfr=".length()));
                }
                else if (arg.startsWith("--")) {
                    throw new IllegalArgumentException("unknown option " + arg);
                }
                else if (positional++ == 0) {
                    processes = Integer.parseInt(arg);
                }
                else {
                    seconds = Integer.parseInt(arg);
                }
            }
            return new Options(processes, Duration.ofSeconds(seconds), repeat, churn, only, views, requests, jfr);
        }
    }
}
