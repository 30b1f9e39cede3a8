package io.rusm.bench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Growth curves from JMH results: a Markdown table per curve and, for the curves that have a
 * chart, a PNG drawn by {@link LineChart}.
 */
public final class GrowthReport {

    private final List<Trial> trials;
    private final Map<String, String> peerTitles;

    /**
     * Creates the report.
     *
     * @param trials the results to draw from; trials of other benchmarks are ignored
     * @param peerTitles each peer's name as the suite knows it, to its title in tables and legends,
     *     in the order the series appear
     */
    public GrowthReport(List<Trial> trials, Map<String, String> peerTitles) {
        this.trials = List.copyOf(trials);
        this.peerTitles = new LinkedHashMap<>(peerTitles);
    }

    /**
     * The points of one curve: for each peer with results, the per-size figures over forks.
     *
     * @param curve the curve
     * @return peer to size to figure, peers in {@code peerTitles} order; empty if nothing ran
     */
    public Map<String, SortedMap<Long, Stats>> points(Curve curve) {
        Map<String, SortedMap<Long, Stats>> byPeer = new LinkedHashMap<>();
        for (String peer : peerTitles.keySet()) {
            SortedMap<Long, List<Double>> perFork = new TreeMap<>();
            for (Trial trial : trials) {
                String size = trial.param(curve.size());
                if (!trial.runs(curve.method()) || size == null || !peer.equals(trial.param("peer"))) {
                    continue;
                }
                List<Double> values = perFork.computeIfAbsent(Long.valueOf(size), s -> new ArrayList<>());
                for (List<Double> fork : trial.values(curve.result())) {
                    curve.pick().of(fork).ifPresent(values::add);
                }
            }
            SortedMap<Long, Stats> points = new TreeMap<>();
            perFork.forEach((size, values) -> Stats.of(values).ifPresent(s -> points.put(size, s)));
            if (!points.isEmpty()) {
                byPeer.put(peer, points);
            }
        }
        return byPeer;
    }

    /**
     * Draws the charts of the curves that have one and results to show.
     *
     * @param curves the curves
     * @param directory where the PNGs go (created if missing)
     * @return the files written
     * @throws IOException if a file cannot be written
     */
    public List<Path> draw(List<Curve> curves, Path directory) throws IOException {
        List<Path> written = new ArrayList<>();
        for (Curve curve : curves) {
            Map<String, SortedMap<Long, Stats>> points = points(curve);
            if (curve.chart() != null && !points.isEmpty()) {
                written.add(new LineChart(curve, peerTitles).write(points, directory));
            }
        }
        return written;
    }

    /**
     * The figures as Markdown: one table per curve with results, sizes down, peers across (each
     * cell the median over forks, with the range when there were several).
     *
     * @param curves the curves
     * @return the tables, empty if no curve has results
     */
    public String markdown(List<Curve> curves) {
        StringBuilder md = new StringBuilder();
        for (Curve curve : curves) {
            Map<String, SortedMap<Long, Stats>> points = points(curve);
            if (points.isEmpty()) {
                continue;
            }
            md.append("**").append(curve.title()).append("** (").append(curve.unit()).append(")\n\n");
            md.append("| ").append(curve.size());
            points.keySet().forEach(peer -> md.append(" | ").append(peerTitles.get(peer)));
            if (curve.perSize() != null) {
                points.keySet().forEach(peer -> md.append(" | ").append(peerTitles.get(peer)).append(", ")
                        .append(curve.perSize().unit()));
            }
            int columns = points.size() * (curve.perSize() != null ? 2 : 1);
            md.append(" |\n|---").append("|---".repeat(columns)).append("|\n");
            TreeMap<Long, Boolean> sizes = new TreeMap<>();
            points.values().forEach(p -> p.keySet().forEach(s -> sizes.put(s, true)));
            for (long size : sizes.keySet()) {
                md.append("| ").append(String.format(Locale.ROOT, "%,d", size));
                points.values().forEach(p -> md.append(" | ").append(cell(p.get(size), 1)));
                if (curve.perSize() != null) {
                    double factor = curve.perSize().factor() / size;
                    points.values().forEach(p -> md.append(" | ").append(cell(p.get(size), factor)));
                }
                md.append(" |\n");
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static String cell(@Nullable Stats s, double factor) {
        if (s == null) {
            return "–";
        }
        String median = number(s.median() * factor);
        return s.forks() == 1 ? median
                : median + " [" + number(s.min() * factor) + "–" + number(s.max() * factor) + "]";
    }

    /** Three significant digits at most, thousands separated. */
    static String number(double v) {
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
