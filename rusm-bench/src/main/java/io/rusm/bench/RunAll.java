package io.rusm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;
import java.util.regex.Pattern;
import io.rusm.bench.spring.W8Dispatch;
import io.rusm.bench.spring.W8SpringCall;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the whole suite, W1 to W7 for every peer, each in fresh JVM forks, and prints the table
 * of {@code docs/benchmarks.md}: for every figure the median of the per-fork scores and their
 * range (min–max), and each rusm target as met or not met.
 *
 * <pre>
 * java -cp rusm-bench/target/rusm-bench.jar io.rusm.bench.RunAll [options]
 *   --only=W1,W3      run only these workloads (default: all)
 *   --peers=rusm,vt   run only these peers (default: all)
 *   --forks=N         forks for every workload (default: per workload, 3 or 5)
 *   --quick           one fork, one short iteration each: a smoke test, not a measurement
 *   --out=DIR         where JMH's JSON results and table.md go (default: target/bench-results)
 * </pre>
 *
 * <p>A fork's score is the mean of its measured iterations (W4 picks iterations, see
 * {@link W4IdleProcesses}); JMH's own output, with every iteration, is printed as it runs.
 *
 * <p>W8 ({@link W8SpringCall}, {@link W8Dispatch}) starts a Spring Boot context, which the shaded
 * jar leaves out: it runs from Maven's class path ({@code ./mvnw -q -pl rusm-bench -am verify
 * -DskipTests -Pw8}) and is skipped, with a note, when Spring Boot is missing.
 */
public final class RunAll {

    private static final String RUSM = "rusm";

    /** How one workload is run; {@code jvmArgs} replace the benchmark's own when not empty. */
    private record Workload(String id, Class<?> benchmark, List<String> peers, int forks, int warmups,
            int measurements, boolean allocation, List<String> jvmArgs) {

        Workload(String id, Class<?> benchmark, List<String> peers, int forks, int warmups, int measurements,
                boolean allocation) {
            this(id, benchmark, peers, forks, warmups, measurements, allocation, List.of());
        }
    }

    /** Runs every virtual thread on one carrier: the JDK's scheduler property, no code change. */
    private static final String ONE_CARRIER = "-Djdk.virtualThreadScheduler.parallelism=1";

    private static final List<String> ALL = Peer.NAMES;
    private static final List<String> DEFAULT_DISPATCHER_ONLY = List.of("rusm", "pekko", "vt");
    /** W7 runs rusm's cluster beside Pekko's remoting (default dispatcher), each across two JVMs. */
    private static final List<String> W7_REMOTE_PEERS = List.of("rusm", "pekko");

    /** Rows whose rusm median must beat Pekko default's by this factor (W7: remote call and send). */
    private static final Map<String, Double> PEKKO_FACTOR_TARGETS = Map.of(
            "remote call round trip, median (2 JVMs)", 2.0,
            "remote send, 1 sender → 1 receiver, delivered (2 JVMs)", 2.0);

    private static final List<Workload> SUITE = List.of(
            new Workload("W1", W1SpawnStorm.class, ALL, 3, 2, 3, true),
            new Workload("W2", W2PingPong.class, ALL, 5, 2, 3, true),
            new Workload("W2", W2PingPong.class, List.of("rusm", "vt"), 3, 2, 3, false,
                    List.of("-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch", ONE_CARRIER)),
            new Workload("W3", W3FanIn.class, ALL, 5, 2, 3, true),
            new Workload("W4", W4IdleProcesses.class, ALL, 3, 0, 2, false),
            new Workload("W5", W5Timers.class, DEFAULT_DISPATCHER_ONLY, 3, 2, 3, false),
            new Workload("W6", W6Registry.class, DEFAULT_DISPATCHER_ONLY, 3, 2, 3, false),
            new Workload("W7", W7Remote.class, W7_REMOTE_PEERS, 3, 5, 5, false),
            new Workload("W7", W7ClusterOps.class, List.of(RUSM), 3, 3, 5, false),
            new Workload("W8", W8SpringCall.class, List.of(RUSM), 3, 2, 4, true),
            new Workload("W8", W8Dispatch.class, List.of(RUSM), 3, 2, 4, true));

    /** Which iterations of a fork a figure is taken from. */
    private enum Pick {
        MEAN, FIRST, LAST,
        /** The mean over iterations of each iteration's sampled median (JMH sample-time mode). */
        P50,
        /** The same for the 99th percentile. */
        P99
    }

    /**
     * One row of the table: where its figure comes from and what rusm should reach.
     *
     * @param secondary the secondary result's name, or null for the primary score
     * @param convert from JMH's unit to the table's
     * @param target the rusm goal, or null
     * @param higherIsBetter how the goal compares
     */
    private record Row(String workload, String label, String method, @Nullable String monitored,
            @Nullable String secondary, Pick pick, DoubleUnaryOperator convert, String unit,
            @Nullable Double target, boolean higherIsBetter, boolean oneCarrier) {

        Row(String workload, String label, String method, @Nullable String monitored, @Nullable String secondary,
                Pick pick, DoubleUnaryOperator convert, String unit, @Nullable Double target, boolean higherIsBetter) {
            this(workload, label, method, monitored, secondary, pick, convert, unit, target, higherIsBetter, false);
        }
    }

    private static final DoubleUnaryOperator SAME = x -> x;
    private static final DoubleUnaryOperator PER_SECOND_FROM_NS = ns -> 1e9 / ns;

    private static final List<Row> ROWS = List.of(
            new Row("W1", "spawn+exit, exit messaged", "W1SpawnStorm.spawnExit", "false", null, Pick.MEAN, SAME,
                    "spawns/s", 2.4e6, true),
            new Row("W1", "spawn+exit, exit seen by a monitor", "W1SpawnStorm.spawnExit", "true", null, Pick.MEAN,
                    SAME, "spawns/s", 1.2e6, true),
            new Row("W1", "allocated per spawn+exit, messaged", "W1SpawnStorm.spawnExit", "false",
                    "gc.alloc.rate.norm", Pick.MEAN, SAME, "B", null, false),
            new Row("W1", "allocated per spawn+exit, monitored", "W1SpawnStorm.spawnExit", "true",
                    "gc.alloc.rate.norm", Pick.MEAN, SAME, "B", null, false),
            new Row("W2", "round trip, mean", "W2PingPong.roundTrip", null, null, Pick.MEAN, SAME, "ns", 300.0,
                    false),
            new Row("W2", "round trip, mean, all virtual threads on 1 carrier (" + ONE_CARRIER + ")",
                    "W2PingPong.roundTrip", null, null, Pick.MEAN, SAME, "ns", null, false, true),
            new Row("W2", "allocated per round trip", "W2PingPong.roundTrip", null, "gc.alloc.rate.norm",
                    Pick.MEAN, SAME, "B", null, false),
            new Row("W3", "fan-in, 4 producers", "W3FanIn.fanIn", null, null, Pick.MEAN, SAME, "msgs/s", 10e6, true),
            new Row("W3", "allocated per message", "W3FanIn.fanIn", null, "gc.alloc.rate.norm", Pick.MEAN, SAME,
                    "B", null, false),
            new Row("W4", "1M idle: spawned and all blocked (2nd round in a JVM)", "W4IdleProcesses.spawnIdle",
                    null, null, Pick.LAST, SAME, "ms", 1500.0, false),
            new Row("W4", "1M idle: same, 1st round in a fresh JVM", "W4IdleProcesses.spawnIdle", null, null,
                    Pick.FIRST, SAME, "ms", null, false),
            new Row("W4", "1M idle: spawn calls alone (2nd round)", "W4IdleProcesses.spawnIdle", null,
                    "spawnCallsMs", Pick.LAST, SAME, "ms", null, false),
            new Row("W4", "live heap per idle process", "W4IdleProcesses.spawnIdle", null, "heapBytesPerProcess",
                    Pick.MEAN, SAME, "B", 650.0, false),
            new Row("W4", "RSS growth per idle process (1st round)", "W4IdleProcesses.spawnIdle", null,
                    "rssBytesPerProcess", Pick.FIRST, SAME, "B", null, false),
            new Row("W5", "schedule 1M one-hour timers", "W5Timers.schedule", null, null, Pick.MEAN,
                    PER_SECOND_FROM_NS, "schedules/s", 10e6, true),
            new Row("W5", "live heap per pending timer", "W5Timers.schedule", null, "heapBytesPerTimer", Pick.MEAN,
                    SAME, "B", 73.0, false),
            new Row("W5", "cancel 1M pending timers", "W5Timers.cancel", null, null, Pick.MEAN, PER_SECOND_FROM_NS,
                    "cancels/s", 50e6, true),
            new Row("W6", "whereis, 2 threads, 100k names", "W6Registry.whereis", null, null, Pick.MEAN, SAME,
                    "lookups/s", 100e6, true),
            new Row("W6", "whereis, 2 threads, 100k names, strided (i × 7919 + k) mod n", "W6Registry.stridedWhereis",
                    null, null, Pick.MEAN, SAME, "lookups/s", 50e6, true),
            new Row("W6", "register 100k names", "W6Registry.register", null, null, Pick.MEAN, PER_SECOND_FROM_NS,
                    "registrations/s", 4e6, true),
            new Row("W7", "remote call round trip, median (2 JVMs)", "W7Remote.call", null, null, Pick.P50, SAME, "µs",
                    150.0, false),
            new Row("W7", "remote call round trip, mean (2 JVMs)", "W7Remote.call", null, null, Pick.MEAN, SAME, "µs",
                    null, false),
            new Row("W7", "remote call round trip, 99th percentile (2 JVMs)", "W7Remote.call", null, null, Pick.P99,
                    SAME, "µs", null, false),
            new Row("W7", "remote send, 1 sender → 1 receiver, delivered (2 JVMs)", "W7Remote.send", null, null,
                    Pick.MEAN, SAME, "msgs/s", 200e3, true),
            new Row("W7", "global name claim (whereisOrSpawn), 3 nodes", "W7ClusterOps.claimName", null, null,
                    Pick.MEAN, SAME, "µs", null, false),
            new Row("W7", "killTag fan-out, 3 nodes × 100 members", "W7ClusterOps.killTag", null, null, Pick.MEAN,
                    SAME, "µs", null, false),
            new Row("W7", "census fan-out, 3 nodes × 1,000 processes", "W7ClusterOps.census", null, null, Pick.MEAN,
                    SAME, "µs", null, false),
            new Row("W8", "call to a @RusmHandler singleton, 1 caller", "W8SpringCall.handlerCall", null, null,
                    Pick.MEAN, SAME, "ns", null, false),
            new Row("W8", "call to a plain ProcessBody singleton, 1 caller", "W8SpringCall.plainCall", null, null,
                    Pick.MEAN, SAME, "ns", null, false),
            new Row("W8", "direct call on a synchronized bean, 1 caller", "W8SpringCall.synchronizedCall", null, null,
                    Pick.MEAN, SAME, "ns", null, false),
            new Row("W8", "call to a @RusmHandler singleton, 4 callers", "W8SpringCall.handlerCallConcurrent", null,
                    null, Pick.MEAN, SAME, "ns", null, false),
            new Row("W8", "call to a plain ProcessBody singleton, 4 callers", "W8SpringCall.plainCallConcurrent", null,
                    null, Pick.MEAN, SAME, "ns", null, false),
            new Row("W8", "direct call on a synchronized bean, 4 callers", "W8SpringCall.synchronizedCallConcurrent",
                    null, null, Pick.MEAN, SAME, "ns", null, false),
            new Row("W8", "allocated per @RusmHandler call", "W8SpringCall.handlerCall", null, "gc.alloc.rate.norm",
                    Pick.MEAN, SAME, "B", null, false),
            new Row("W8", "allocated per plain call", "W8SpringCall.plainCall", null, "gc.alloc.rate.norm",
                    Pick.MEAN, SAME, "B", null, false),
            new Row("W8", "allocated per synchronized call", "W8SpringCall.synchronizedCall", null,
                    "gc.alloc.rate.norm", Pick.MEAN, SAME, "B", null, false),
            new Row("W8", "message handled by a @RusmHandler singleton (batch of 1000, 1 carrier)",
                    "W8Dispatch.handlerSend", null, null, Pick.MEAN, SAME, "ns", null, false, true),
            new Row("W8", "message handled by a plain ProcessBody singleton (batch of 1000, 1 carrier)",
                    "W8Dispatch.plainSend", null, null, Pick.MEAN, SAME, "ns", null, false, true),
            new Row("W8", "allocated per message handled by the @RusmHandler singleton", "W8Dispatch.handlerSend",
                    null, "gc.alloc.rate.norm", Pick.MEAN, SAME, "B", null, false, true),
            new Row("W8", "allocated per message handled by the plain singleton", "W8Dispatch.plainSend", null,
                    "gc.alloc.rate.norm", Pick.MEAN, SAME, "B", null, false, true));

    private RunAll() {
    }

    /**
     * Runs the suite.
     *
     * @param args see the class comment
     * @throws RunnerException if JMH fails
     * @throws IOException if the results cannot be written
     */
    public static void main(String[] args) throws RunnerException, IOException {
        Set<String> only = Set.of();
        List<String> peers = ALL;
        Integer forks = null;
        boolean quick = false;
        Path out = Path.of("target", "bench-results");
        for (String arg : args) {
            if (arg.startsWith("--only=")) {
                only = Set.of(arg.substring("--only=".length()).toUpperCase(Locale.ROOT).split(","));
            } else if (arg.startsWith("--peers=")) {
                peers = List.of(arg.substring("--peers=".length()).split(","));
            } else if (arg.startsWith("--forks=")) {
                forks = Integer.valueOf(arg.substring("--forks=".length()));
            } else if (arg.equals("--quick")) {
                quick = true;
            } else if (arg.startsWith("--out=")) {
                out = Path.of(arg.substring("--out=".length()));
            } else {
                throw new IllegalArgumentException("unknown option " + arg + "; see the Javadoc of " + RunAll.class.getName());
            }
        }
        Files.createDirectories(out);
        List<RunResult> results = new ArrayList<>();
        for (int i = 0; i < SUITE.size(); i++) {
            Workload w = SUITE.get(i);
            if (!only.isEmpty() && !only.contains(w.id())) {
                continue;
            }
            List<String> playing = w.peers().stream().filter(peers::contains).toList();
            if (playing.isEmpty()) {
                continue;
            }
            if (w.id().equals("W8") && !springBootPresent()) {
                System.out.println("W8 skipped: it starts a Spring Boot context and Spring is not in the shaded jar;"
                        + " run it with ./mvnw -q -pl rusm-bench -am verify -DskipTests -Pw8");
                continue;
            }
            ChainedOptionsBuilder options = new OptionsBuilder()
                    .include("^" + Pattern.quote(w.benchmark().getName()) + "\\.")
                    .param("peer", playing.toArray(String[]::new))
                    .forks(quick ? 1 : forks != null ? forks : w.forks())
                    .warmupIterations(quick ? Math.min(1, w.warmups()) : w.warmups())
                    .measurementIterations(quick ? Math.min(2, w.measurements()) : w.measurements())
                    .warmupTime(TimeValue.seconds(1))
                    .measurementTime(TimeValue.seconds(1))
                    .shouldFailOnError(true)
                    .resultFormat(ResultFormatType.JSON)
                    .result(out.resolve(String.format(Locale.ROOT, "%02d-%s.json", i + 1, w.id())).toString());
            if (w.allocation()) {
                options.addProfiler(GCProfiler.class);
            }
            if (!w.jvmArgs().isEmpty()) {
                options.jvmArgsAppend(w.jvmArgs().toArray(String[]::new));
            }
            results.addAll(new Runner(options.build()).run());
        }
        String table = table(results);
        Files.writeString(out.resolve("table.md"), table);
        System.out.println();
        System.out.println(table);
        System.out.println("JSON results and this table: " + out.toAbsolutePath());
    }

    /** Median and range of one figure over forks. */
    private record Stats(double median, double min, double max, int forks) {
        static @Nullable Stats of(List<Double> values) {
            if (values.isEmpty()) {
                return null;
            }
            double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int n = v.length;
            double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
            return new Stats(median, v[0], v[n - 1], n);
        }
    }

    private static String table(List<RunResult> results) {
        Map<Row, Map<String, Stats>> figures = new LinkedHashMap<>();
        for (Row row : ROWS) {
            Map<String, Stats> byPeer = new LinkedHashMap<>();
            for (String peer : ALL) {
                Stats s = Stats.of(forkValues(results, row, peer));
                if (s != null) {
                    byPeer.put(peer, s);
                }
            }
            if (!byPeer.isEmpty()) {
                figures.put(row, byPeer);
            }
        }
        StringBuilder md = new StringBuilder();
        md.append("| W | figure | rusm | Pekko default | Pekko 2 threads | raw VT | unit |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        figures.forEach((row, byPeer) -> {
            md.append("| ").append(row.workload()).append(" | ").append(row.label());
            for (String peer : ALL) {
                Stats s = byPeer.get(peer);
                md.append(" | ").append(s == null ? "–" : format(s, row.unit()));
            }
            md.append(" | ").append(row.unit()).append(" |\n");
        });
        md.append("\nEach cell: median of the per-fork scores [min–max over forks]. Forks: ");
        md.append(forkCounts(figures)).append(".\n\n");
        md.append("| target (rusm) | measured (median) | |\n|---|---|---|\n");
        figures.forEach((row, byPeer) -> {
            Stats rusm = byPeer.get(RUSM);
            if (row.target() == null || rusm == null) {
                return;
            }
            boolean met = row.higherIsBetter() ? rusm.median() >= row.target() : rusm.median() <= row.target();
            md.append("| ").append(row.workload()).append(' ').append(row.label()).append(row.higherIsBetter() ? " ≥ " : " ≤ ")
                    .append(number(row.target(), row.unit())).append(' ').append(row.unit())
                    .append(" | ").append(number(rusm.median(), row.unit())).append(' ').append(row.unit())
                    .append(" | ").append(met ? "**met**" : "**not met**").append(" |\n");
            Stats pekko = byPeer.get("pekko");
            if (row.workload().equals("W1") && "false".equals(row.monitored()) && pekko != null) {
                double ratio = rusm.median() / pekko.median();
                md.append("| W1 spawn+exit ≥ 1.6× Pekko default | ").append(String.format(Locale.ROOT, "%.2f×", ratio))
                        .append(" | ").append(ratio >= 1.6 ? "**met**" : "**not met**").append(" |\n");
            }
            Double factor = PEKKO_FACTOR_TARGETS.get(row.label());
            if (factor != null && pekko != null) {
                double ratio = row.higherIsBetter() ? rusm.median() / pekko.median() : pekko.median() / rusm.median();
                md.append("| ").append(row.workload()).append(' ').append(row.label()).append(" ≥ ")
                        .append(String.format(Locale.ROOT, "%.0f× Pekko default | %.2f×", factor, ratio))
                        .append(" | ").append(ratio >= factor ? "**met**" : "**not met**").append(" |\n");
            }
        });
        md.append(w8DispatchTarget(figures));
        return md.toString();
    }

    /**
     * W8's target: what handling a message costs the {@code @RusmHandler} singleton more than the
     * plain one, from the dispatch-only batches (a call's own time is dominated by the hand-off
     * between virtual threads, bimodal across JVMs, see W2).
     */
    private static String w8DispatchTarget(Map<Row, Map<String, Stats>> figures) {
        Stats handler = null;
        Stats plain = null;
        for (var e : figures.entrySet()) {
            if (e.getKey().secondary() == null && e.getKey().method().equals("W8Dispatch.handlerSend")) {
                handler = e.getValue().get(RUSM);
            } else if (e.getKey().secondary() == null && e.getKey().method().equals("W8Dispatch.plainSend")) {
                plain = e.getValue().get(RUSM);
            }
        }
        if (handler == null || plain == null) {
            return "";
        }
        double added = handler.median() - plain.median();
        return "| W8 @RusmHandler dispatch adds ≤ 100 ns per message over a plain ProcessBody | "
                + String.format(Locale.ROOT, "%+.1f ns", added) + " | " + (added <= 100 ? "**met**" : "**not met**")
                + " |\n";
    }

    /** Whether Spring Boot is on the class path: the shaded jar leaves it out, Maven's class path has it (W8). */
    private static boolean springBootPresent() {
        try {
            Class.forName("org.springframework.boot.SpringApplication", false, RunAll.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException ex) {
            return false;
        }
    }

    private static String forkCounts(Map<Row, Map<String, Stats>> figures) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        figures.forEach((row, byPeer) -> byPeer.values().forEach(s -> counts.merge(row.workload(), s.forks(), Math::max)));
        List<String> parts = new ArrayList<>();
        counts.forEach((w, n) -> parts.add(w + " " + n));
        return String.join(", ", parts);
    }

    private static List<Double> forkValues(List<RunResult> results, Row row, String peer) {
        List<Double> values = new ArrayList<>();
        for (RunResult run : results) {
            var params = run.getParams();
            if (!params.getBenchmark().endsWith("." + row.method())
                    || !peer.equals(params.getParam("peer"))
                    || (row.monitored() != null && !row.monitored().equals(params.getParam("monitored")))
                    || row.oneCarrier() != params.getJvmArgs().contains(ONE_CARRIER)) {
                continue;
            }
            for (BenchmarkResult fork : run.getBenchmarkResults()) {
                Double v = forkValue(fork.getIterationResults(), row);
                if (v != null) {
                    values.add(row.convert().applyAsDouble(v));
                }
            }
        }
        return values;
    }

    private static @Nullable Double forkValue(Collection<IterationResult> iterations, Row row) {
        List<Double> perIteration = new ArrayList<>();
        for (IterationResult it : iterations) {
            Result<?> r = row.secondary() == null ? it.getPrimaryResult() : secondary(it, row.secondary());
            if (r != null) {
                perIteration.add(switch (row.pick()) {
                    case P50 -> r.getStatistics().getPercentile(50);
                    case P99 -> r.getStatistics().getPercentile(99);
                    default -> r.getScore();
                });
            }
        }
        if (perIteration.isEmpty()) {
            return null;
        }
        return switch (row.pick()) {
            case FIRST -> perIteration.getFirst();
            case LAST -> perIteration.getLast();
            case MEAN, P50, P99 -> perIteration.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        };
    }

    private static @Nullable Result<?> secondary(IterationResult it, String name) {
        for (var e : it.getSecondaryResults().entrySet()) {
            if (e.getKey().endsWith(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static String format(Stats s, String unit) {
        if (s.forks() == 1) {
            return number(s.median(), unit);
        }
        return number(s.median(), unit) + " [" + number(s.min(), unit) + "–" + number(s.max(), unit) + "]";
    }

    private static String number(double v, String unit) {
        if (unit.endsWith("/s")) {
            return String.format(Locale.ROOT, "%.2fM", v / 1e6);
        }
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
