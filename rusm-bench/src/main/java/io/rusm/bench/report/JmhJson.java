package io.rusm.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads JMH's JSON results ({@code -rf json}) back into {@link Trial}s, so that tables and charts
 * can be drawn again from a results directory without running anything.
 */
public final class JmhJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /**
     * The secondary result holding, per iteration, the median of a sample-time benchmark's
     * samples (read from JMH's {@code rawDataHistogram}, in the score's unit).
     */
    public static final String MEDIAN = "sample.p50";

    /** The same for the 99th percentile. */
    public static final String P99 = "sample.p99";

    private JmhJson() {
    }

    /**
     * Reads one result file.
     *
     * @param file a file JMH wrote with the JSON result format
     * @return its trials, in file order
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if it is not a JMH JSON result
     */
    public static List<Trial> read(Path file) throws IOException {
        JsonNode root = MAPPER.readTree(Files.readString(file));
        if (!root.isArray()) {
            throw new IllegalArgumentException(file + " is not a JMH JSON result: expected an array of benchmark runs");
        }
        List<Trial> trials = new ArrayList<>();
        for (JsonNode run : root) {
            trials.add(trial(run));
        }
        return trials;
    }

    /**
     * Reads every {@code *.json} file of a directory, oldest first; a trial run again (same
     * benchmark, parameters and JVM arguments) in a newer file replaces the older one.
     *
     * @param directory the results directory
     * @return the trials
     * @throws IOException if the directory or a file cannot be read
     */
    public static List<Trial> readDirectory(Path directory) throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .sorted(Comparator.comparing(JmhJson::modified).thenComparing(Path::toString))
                    .toList();
        }
        Map<String, Trial> latest = new LinkedHashMap<>();
        for (Path file : files) {
            for (Trial trial : read(file)) {
                latest.remove(trial.key());
                latest.put(trial.key(), trial);
            }
        }
        return List.copyOf(latest.values());
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static Trial trial(JsonNode run) {
        String benchmark = run.path("benchmark").asString();
        if (benchmark.isEmpty()) {
            throw new IllegalArgumentException("a JMH result entry without a benchmark name: " + run);
        }
        Map<String, String> params = new LinkedHashMap<>();
        run.path("params").properties().forEach(p -> params.put(p.getKey(), p.getValue().asString()));
        List<String> jvmArgs = new ArrayList<>();
        run.path("jvmArgs").forEach(a -> jvmArgs.add(a.asString()));
        Map<String, List<List<Double>>> secondary = new LinkedHashMap<>();
        run.path("secondaryMetrics").properties().forEach(m -> secondary.put(m.getKey(), rawData(m.getValue())));
        List<List<Double>> primary = rawData(run.path("primaryMetric"));
        JsonNode histograms = run.path("primaryMetric").path("rawDataHistogram");
        if (histograms.isArray() && !histograms.isEmpty()) {
            secondary.put(MEDIAN, perIteration(histograms, bins -> percentile(bins, 0.50)));
            secondary.put(P99, perIteration(histograms, bins -> percentile(bins, 0.99)));
            if (primary.stream().allMatch(List::isEmpty)) {
                primary = perIteration(histograms, JmhJson::mean);
            }
        }
        return new Trial(benchmark, params, jvmArgs, primary, secondary);
    }

    /** A metric's {@code rawData}: one array per fork, one number per measured iteration; NaNs left out. */
    private static List<List<Double>> rawData(JsonNode metric) {
        List<List<Double>> forks = new ArrayList<>();
        for (JsonNode fork : metric.path("rawData")) {
            List<Double> iterations = new ArrayList<>();
            for (JsonNode value : fork) {
                double v = value.isNumber() ? value.asDouble() : Double.parseDouble(value.asString());
                if (!Double.isNaN(v)) {
                    iterations.add(v);
                }
            }
            forks.add(iterations);
        }
        return forks;
    }

    /**
     * One figure per fork and iteration from a {@code rawDataHistogram} (per fork, per iteration,
     * pairs of {@code [value, count]}); iterations without samples are left out.
     */
    private static List<List<Double>> perIteration(JsonNode histograms, ToDoubleFunction<List<double[]>> figure) {
        List<List<Double>> forks = new ArrayList<>();
        for (JsonNode fork : histograms) {
            List<Double> iterations = new ArrayList<>();
            for (JsonNode iteration : fork) {
                List<double[]> bins = new ArrayList<>();
                for (JsonNode bin : iteration) {
                    if (bin.get(1).asLong() > 0) {
                        bins.add(new double[] {bin.get(0).asDouble(), bin.get(1).asLong()});
                    }
                }
                if (!bins.isEmpty()) {
                    bins.sort((a, b) -> Double.compare(a[0], b[0]));
                    iterations.add(figure.applyAsDouble(bins));
                }
            }
            forks.add(iterations);
        }
        return forks;
    }

    /** The value at a quantile of non-empty bins sorted by value. */
    private static double percentile(List<double[]> bins, double quantile) {
        double rank = Math.ceil(quantile * bins.stream().mapToDouble(bin -> bin[1]).sum());
        double seen = 0;
        for (double[] bin : bins) {
            seen += bin[1];
            if (seen >= rank) {
                return bin[0];
            }
        }
        return bins.get(bins.size() - 1)[0];
    }

    /** The mean of the samples the bins count. */
    private static double mean(List<double[]> bins) {
        double sum = 0;
        double count = 0;
        for (double[] bin : bins) {
            sum += bin[0] * bin[1];
            count += bin[1];
        }
        return sum / count;
    }
}
