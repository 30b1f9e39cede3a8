package io.rusm.bench;

import io.rusm.bench.growth.W9KillTag;
import io.rusm.bench.growth.W9Spawn;
import io.rusm.bench.growth.W9Summary;
import io.rusm.bench.report.Curve;
import io.rusm.bench.report.JmhJson;
import io.rusm.bench.report.Pick;
import io.rusm.bench.report.Stats;
import io.rusm.bench.report.Trial;
import io.rusm.bench.spring.W8Dispatch;
import io.rusm.bench.spring.W8SpringCall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the whole suite, W1 to W9 for every peer, each in fresh JVM forks, and prints the
 * table of {@code docs/benchmarks.md}: for every figure the median of the per-fork scores and their
 * range (min–max), and each rusm target as met or not met; then the growth tables of W9 and, with
 * {@code --charts}, its charts (see {@link Charts}).
 *
 * <pre>
 * java -cp rusm-bench/target/rusm-bench.jar io.rusm.bench.RunAll [options]
 *   --only=W1,W3      run only these workloads (default: all)
 *   --peers=rusm,vt   run only these peers (default: all; rusm brings rusm-hibernating into W2 and W4)
 *   --forks=N         forks for every workload (default: per workload, 3 or 5)
 *   --quick           one fork, one short iteration each: a smoke test, not a measurement
 *   --out=DIR         where JMH's JSON results, table.md and growth.md go (default: target/bench-results)
 *   --charts[=DIR]    draw the growth charts as PNGs into DIR (default: docs/benchmarks) from every
 *                     JSON result in the --out directory
 * </pre>
 *
 * <p>A fork's score is the mean of its measured iterations (W4 picks iterations, see
 * {@link W4IdleProcesses}); JMH's own output, with every iteration, is printed as it runs. The
 * tables are made from the JSON files this run wrote, so {@link Charts} can make them again from a
 * results directory. A new workload adds a {@link Workload} to {@link #SUITE} and its figures to
 * {@link #ROWS} (one value per peer) or {@link #CURVES} (a value per peer and size).
 *
 * <p>W8 ({@link W8SpringCall}, {@link W8Dispatch}) starts a Spring Boot context, which the shaded
 * jar leaves out: it runs from Maven's class path ({@code ./mvnw -q -pl rusm-bench -am verify
 * -DskipTests -Pw8}) and is skipped, with a note, when Spring Boot is missing.
 */
public final class RunAll {

    private static final String RUSM = "rusm";

    /** rusm whose W4 idle processes and W2 ponger hibernate; its rows fill the rusm column ({@link Row#rusmAs}). */
    private static final String RUSM_HIBERNATING = "rusm-hibernating";

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
            new Workload("W2", W2PingPong.class, withHibernating(ALL), 5, 2, 3, true),
            new Workload("W2", W2PingPong.class, List.of("rusm", "vt"), 3, 2, 3, false,
                    List.of("-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch", ONE_CARRIER)),
            new Workload("W3", W3FanIn.class, ALL, 5, 2, 3, true),
            new Workload("W4", W4IdleProcesses.class, withHibernating(ALL), 3, 0, 2, false),
            new Workload("W5", W5Timers.class, DEFAULT_DISPATCHER_ONLY, 3, 2, 3, false),
            new Workload("W6", W6Registry.class, DEFAULT_DISPATCHER_ONLY, 3, 2, 3, false),
            new Workload("W7", W7Remote.class, W7_REMOTE_PEERS, 3, 5, 5, false),
            new Workload("W7", W7ClusterOps.class, List.of(RUSM), 3, 3, 5, false),
            new Workload("W8", W8SpringCall.class, List.of(RUSM), 3, 2, 4, true),
            new Workload("W8", W8Dispatch.class, List.of(RUSM), 3, 2, 4, true),
            new Workload("W9", W9Spawn.class, List.of("rusm", "vt"), 1, 1, 3, false),
            new Workload("W9", W9KillTag.class, List.of(RUSM), 1, 1, 3, false),
            new Workload("W9", W9Summary.class, List.of(RUSM), 1, 2, 3, true));

    private static List<String> withHibernating(List<String> peers) {
        List<String> all = new ArrayList<>(peers);
        all.add(1, RUSM_HIBERNATING);
        return List.copyOf(all);
    }

    /** The peers' names in tables and chart legends, in table order. */
    static final Map<String, String> PEER_TITLES = titles();

    private static Map<String, String> titles() {
        Map<String, String> titles = new LinkedHashMap<>();
        titles.put("rusm", "rusm");
        titles.put("pekko", "Pekko default");
        titles.put("pekko-2", "Pekko 2 threads");
        titles.put("vt", "raw VT");
        return titles;
    }

    /**
     * One row of the table: where its figure comes from and what rusm should reach.
     *
     * @param secondary the secondary result's name, or null for the primary score
     * @param convert from JMH's unit to the table's
     * @param target the rusm goal, or null
     * @param higherIsBetter how the goal compares
     * @param oneCarrier whether the figure comes from the run on one carrier thread
     * @param rusmAs the peer whose results fill the rusm column (rusm used another way), or null for rusm
     */
    private record Row(String workload, String label, String method, @Nullable String monitored,
            @Nullable String secondary, Pick pick, DoubleUnaryOperator convert, String unit,
            @Nullable Double target, boolean higherIsBetter, boolean oneCarrier, @Nullable String rusmAs) {

        Row(String workload, String label, String method, @Nullable String monitored, @Nullable String secondary,
                Pick pick, DoubleUnaryOperator convert, String unit, @Nullable Double target, boolean higherIsBetter) {
            this(workload, label, method, monitored, secondary, pick, convert, unit, target, higherIsBetter, false,
                    null);
        }

        Row(String workload, String label, String method, @Nullable String monitored, @Nullable String secondary,
                Pick pick, DoubleUnaryOperator convert, String unit, @Nullable Double target, boolean higherIsBetter,
                boolean oneCarrier) {
            this(workload, label, method, monitored, secondary, pick, convert, unit, target, higherIsBetter,
                    oneCarrier, null);
        }

        /** The same figure with the rusm column filled by {@code peer}'s results. */
        Row as(String peer, String otherLabel, @Nullable Double otherTarget) {
            return new Row(workload, otherLabel, method, monitored, secondary, pick, convert, unit, otherTarget,
                    higherIsBetter, oneCarrier, peer);
        }
    }

    private static final DoubleUnaryOperator SAME = x -> x;
    private static final DoubleUnaryOperator PER_SECOND_FROM_NS = ns -> 1e9 / ns;

    private static final Row W2_ROUND_TRIP = new Row("W2", "round trip, mean", "W2PingPong.roundTrip", null, null,
            Pick.MEAN, SAME, "ns", 300.0, false);
    private static final Row W4_SPAWNED = new Row("W4", "1M idle: spawned and all blocked (2nd round in a JVM)",
            "W4IdleProcesses.spawnIdle", null, null, Pick.LAST, SAME, "ms", 1500.0, false);
    private static final Row W4_HEAP = new Row("W4", "live heap per idle process", "W4IdleProcesses.spawnIdle", null,
            "heapBytesPerProcess", Pick.MEAN, SAME, "B", 650.0, false);
    private static final Row W4_RSS = new Row("W4", "RSS growth per idle process (1st round)",
            "W4IdleProcesses.spawnIdle", null, "rssBytesPerProcess", Pick.FIRST, SAME, "B", null, false);

    private static final List<Row> ROWS = List.of(
            new Row("W1", "spawn+exit, exit messaged", "W1SpawnStorm.spawnExit", "false", null, Pick.MEAN, SAME,
                    "spawns/s", 2.4e6, true),
            new Row("W1", "spawn+exit, exit seen by a monitor", "W1SpawnStorm.spawnExit", "true", null, Pick.MEAN,
                    SAME, "spawns/s", 1.2e6, true),
            new Row("W1", "allocated per spawn+exit, messaged", "W1SpawnStorm.spawnExit", "false",
                    "gc.alloc.rate.norm", Pick.MEAN, SAME, "B", null, false),
            new Row("W1", "allocated per spawn+exit, monitored", "W1SpawnStorm.spawnExit", "true",
                    "gc.alloc.rate.norm", Pick.MEAN, SAME, "B", null, false),
            W2_ROUND_TRIP,
            new Row("W2", "round trip, mean, all virtual threads on 1 carrier (" + ONE_CARRIER + ")",
                    "W2PingPong.roundTrip", null, null, Pick.MEAN, SAME, "ns", null, false, true),
            new Row("W2", "allocated per round trip", "W2PingPong.roundTrip", null, "gc.alloc.rate.norm",
                    Pick.MEAN, SAME, "B", null, false),
            W2_ROUND_TRIP.as(RUSM_HIBERNATING,
                    "round trip, mean, rusm's ponger hibernating after each ping (a wake-up each)", null),
            new Row("W3", "fan-in, 4 producers", "W3FanIn.fanIn", null, null, Pick.MEAN, SAME, "msgs/s", 10e6, true),
            new Row("W3", "allocated per message", "W3FanIn.fanIn", null, "gc.alloc.rate.norm", Pick.MEAN, SAME,
                    "B", null, false),
            W4_SPAWNED,
            new Row("W4", "1M idle: same, 1st round in a fresh JVM", "W4IdleProcesses.spawnIdle", null, null,
                    Pick.FIRST, SAME, "ms", null, false),
            new Row("W4", "1M idle: spawn calls alone (2nd round)", "W4IdleProcesses.spawnIdle", null,
                    "spawnCallsMs", Pick.LAST, SAME, "ms", null, false),
            W4_HEAP,
            W4_SPAWNED.as(RUSM_HIBERNATING, "1M idle, rusm hibernating (Context.hibernate): spawned, 2nd round", null),
            W4_HEAP.as(RUSM_HIBERNATING, "live heap per idle process, rusm hibernating (Context.hibernate)", 650.0),
            W4_RSS.as(RUSM_HIBERNATING, "RSS growth per idle process, rusm hibernating (1st round)", null),
            W4_RSS,
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
            new Row("W7", "remote call round trip, median (2 JVMs)", "W7Remote.call", null, JmhJson.MEDIAN, Pick.MEAN, SAME, "µs",
                    150.0, false),
            new Row("W7", "remote call round trip, mean (2 JVMs)", "W7Remote.call", null, null, Pick.MEAN, SAME, "µs",
                    null, false),
            new Row("W7", "remote call round trip, 99th percentile (2 JVMs)", "W7Remote.call", null, JmhJson.P99,
                    Pick.MEAN, SAME, "µs", null, false),
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


    private static final String LOG_LOG_NOTE = "; dashed: linear growth. Lower is better.";

    /** The growth figures (W9): a value per peer and size, each drawn as a chart and tabulated. */
    static final List<Curve> CURVES = List.of(
            new Curve("w9-spawn-time", "Spawn n idle processes: time until all are blocked",
                    "JMH single shot, mean of 3 warm rounds, a fresh JVM per n" + LOG_LOG_NOTE, "W9Spawn.spawnIdle",
                    null, Pick.MEAN, "processes", "time", "ms", Curve.Scale.LOG_LOG,
                    new Curve.PerSize("ns per process", 1e6)),
            new Curve("w9-spawn-heap", "Spawn n idle processes: live heap they hold",
                    "heap used after full GCs, minus the same reading before the first spawn" + LOG_LOG_NOTE,
                    "W9Spawn.spawnIdle", "heapMebibytes", Pick.MEAN, "processes", "live heap", "MiB",
                    Curve.Scale.LOG_LOG, null),
            new Curve("w9-spawn-heap-per-process", "Spawn n idle processes: live heap per process",
                    "heap held divided by n, table entry and mailbox included; flat means linear growth",
                    "W9Spawn.spawnIdle", "heapBytesPerProcess", Pick.MEAN, "processes", "live heap per process",
                    "B", Curve.Scale.LOG_X, null),
            new Curve(null, "Spawn n idle processes: time in the spawn calls alone", "", "W9Spawn.spawnIdle",
                    "spawnCallsMs", Pick.MEAN, "processes", "time", "ms", Curve.Scale.LOG_LOG,
                    new Curve.PerSize("ns per process", 1e6)),
            new Curve("w9-killtag-time", "killTag of a group of n members: time until all have ended",
                    "JMH single shot, mean of 3 rounds, a fresh JVM per n; killTag, then join every member"
                            + LOG_LOG_NOTE, "W9KillTag.killTag", null, Pick.MEAN, "members", "time", "ms",
                    Curve.Scale.LOG_LOG, new Curve.PerSize("ns per member", 1e6)),
            new Curve(null, "killTag of a group of n members: time in the killTag call alone", "",
                    "W9KillTag.killTag", "killTagCallMs", Pick.MEAN, "members", "time", "ms", Curve.Scale.LOG_LOG,
                    new Curve.PerSize("ns per member", 1e6)),
            new Curve("w9-summary-time", "/actuator/rusm summary with n live processes: time per read",
                    "RusmEndpoint.summary() in process; 20 labels, 1,000 groups, 500 names; JMH average time"
                            + LOG_LOG_NOTE, "W9Summary.summary", null, Pick.MEAN, "processes", "time per read",
                    "µs", Curve.Scale.LOG_LOG, null),
            new Curve(null, "/actuator/rusm summary with n live processes: allocated per read", "",
                    "W9Summary.summary", "gc.alloc.rate.norm", Pick.MEAN, "processes", "allocated", "B",
                    Curve.Scale.LOG_LOG, null));

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
        @Nullable Path charts = null;
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
            } else if (arg.equals("--charts")) {
                charts = Charts.DEFAULT_DIRECTORY;
            } else if (arg.startsWith("--charts=")) {
                charts = Path.of(arg.substring("--charts=".length()));
            } else {
                throw new IllegalArgumentException("unknown option " + arg + "; see the Javadoc of " + RunAll.class.getName());
            }
        }
        Files.createDirectories(out);
        List<Path> written = new ArrayList<>();
        for (int i = 0; i < SUITE.size(); i++) {
            Workload w = SUITE.get(i);
            if (!only.isEmpty() && !only.contains(w.id())) {
                continue;
            }
            List<String> chosen = peers;
            List<String> playing = w.peers().stream()
                    .filter(p -> chosen.contains(p) || (p.equals(RUSM_HIBERNATING) && chosen.contains(RUSM)))
                    .toList();
            if (playing.isEmpty()) {
                continue;
            }
            if (w.id().equals("W8") && !springBootPresent()) {
                System.out.println("W8 skipped: it starts a Spring Boot context and Spring is not in the shaded jar;"
                        + " run it with ./mvnw -q -pl rusm-bench -am verify -DskipTests -Pw8");
                continue;
            }
            Path result = out.resolve(String.format(Locale.ROOT, "%02d-%s.json", i + 1, w.id()));
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
                    .result(result.toString());
            if (w.allocation()) {
                options.addProfiler(GCProfiler.class);
            }
            if (!w.jvmArgs().isEmpty()) {
                options.jvmArgsAppend(w.jvmArgs().toArray(String[]::new));
            }
            new Runner(options.build()).run();
            written.add(result);
        }
        List<Trial> results = new ArrayList<>();
        for (Path file : written) {
            results.addAll(JmhJson.read(file));
        }
        String table = table(results);
        if (!table.isEmpty()) {
            Files.writeString(out.resolve("table.md"), table);
            System.out.println();
            System.out.println(table);
        }
        String growth = Charts.growthTables(results);
        if (!growth.isEmpty()) {
            Files.writeString(out.resolve("growth.md"), growth);
            System.out.println(growth);
        }
        System.out.println("JSON results and these tables: " + out.toAbsolutePath());
        if (charts != null) {
            Charts.draw(out, charts);
        }
    }

    private static String table(List<Trial> results) {
        Map<Row, Map<String, Stats>> figures = new LinkedHashMap<>();
        for (Row row : ROWS) {
            Map<String, Stats> byPeer = new LinkedHashMap<>();
            for (String peer : ALL) {
                Stats.of(forkValues(results, row, peer)).ifPresent(s -> byPeer.put(peer, s));
            }
            if (!byPeer.isEmpty()) {
                figures.put(row, byPeer);
            }
        }
        if (figures.isEmpty()) {
            return "";
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

    private static List<Double> forkValues(List<Trial> results, Row row, String peer) {
        List<Double> values = new ArrayList<>();
        String source = (peer.equals(RUSM) && row.rusmAs() != null) ? row.rusmAs() : peer;
        for (Trial run : results) {
            if (!run.runs(row.method())
                    || !source.equals(run.param("peer"))
                    || (row.monitored() != null && !row.monitored().equals(run.param("monitored")))
                    || row.oneCarrier() != run.jvmArgs().contains(ONE_CARRIER)) {
                continue;
            }
            for (List<Double> fork : run.values(row.secondary())) {
                row.pick().of(fork).ifPresent(v -> values.add(row.convert().applyAsDouble(v)));
            }
        }
        return values;
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
