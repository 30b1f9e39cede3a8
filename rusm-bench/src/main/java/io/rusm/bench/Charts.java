package io.rusm.bench;

import io.rusm.bench.report.GrowthReport;
import io.rusm.bench.report.JmhJson;
import io.rusm.bench.report.Trial;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Draws the growth charts of {@link RunAll#CURVES} (W9) as PNG files from JMH's JSON results, and
 * prints their Markdown tables: what {@code RunAll --charts} does after a run, without running
 * anything.
 *
 * <pre>
 * java -Djava.awt.headless=true -cp rusm-bench/target/rusm-bench.jar io.rusm.bench.Charts [RESULTS [CHARTS]]
 *   RESULTS   the directory of JMH's JSON results (default: target/bench-results); every *.json
 *             in it is read, a newer run of the same trial replacing an older one
 *   CHARTS    where the PNGs go (default: docs/benchmarks); growth.md goes to RESULTS
 * </pre>
 */
public final class Charts {

    /** Where the charts go unless told otherwise: beside {@code docs/benchmarks.md}, run from the repository root. */
    static final Path DEFAULT_DIRECTORY = Path.of("docs", "benchmarks");

    private Charts() {
    }

    /**
     * Draws the charts and prints the tables.
     *
     * @param args the results directory and the charts directory, both optional
     * @throws IOException if the results cannot be read or the charts written
     */
    public static void main(String[] args) throws IOException {
        if (args.length > 2) {
            throw new IllegalArgumentException("expected at most a results directory and a charts directory; see the"
                    + " Javadoc of " + Charts.class.getName());
        }
        Path results = args.length > 0 ? Path.of(args[0]) : Path.of("target", "bench-results");
        Path charts = args.length > 1 ? Path.of(args[1]) : DEFAULT_DIRECTORY;
        String growth = growthTables(JmhJson.readDirectory(results));
        Files.writeString(results.resolve("growth.md"), growth);
        System.out.println(growth);
        draw(results, charts);
    }

    /**
     * The Markdown tables of every curve the results hold.
     *
     * @param results trials of any benchmarks
     * @return the tables, empty if no growth workload ran
     */
    static String growthTables(List<Trial> results) {
        return new GrowthReport(results, RunAll.PEER_TITLES).markdown(RunAll.CURVES);
    }

    /**
     * Draws every curve the results directory holds results for.
     *
     * @param results the JMH JSON results directory
     * @param charts where the PNGs go
     * @throws IOException if the results cannot be read or a chart written
     */
    static void draw(Path results, Path charts) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Path> written = new GrowthReport(JmhJson.readDirectory(results), RunAll.PEER_TITLES)
                .draw(RunAll.CURVES, charts);
        written.forEach(file -> System.out.println("chart: " + file.toAbsolutePath()));
    }
}
