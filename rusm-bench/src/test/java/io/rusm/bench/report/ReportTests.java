package io.rusm.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report side against a JMH JSON result in JMH's own format: reading, tables, charts. */
class ReportTests {

    private static final Map<String, String> PEERS = new LinkedHashMap<>();

    static {
        PEERS.put("rusm", "rusm");
        PEERS.put("vt", "raw VT");
    }

    private static final Curve TIME = new Curve("spawn-time", "Spawn", "note", "W9Spawn.spawnIdle", null, Pick.MEAN,
            "processes", "time", "ms", Curve.Scale.LOG_LOG, new Curve.PerSize("ns per process", 1e6));

    private static final Curve HEAP = new Curve("spawn-heap", "Heap", "note", "W9Spawn.spawnIdle", "heapMebibytes",
            Pick.LAST, "processes", "live heap", "MiB", Curve.Scale.LOG_X, null);

    @TempDir
    static Path dir;

    private static Path results;

    @BeforeAll
    static void copyFixture() throws IOException {
        results = Files.createDirectories(dir.resolve("results"));
        try (InputStream in = ReportTests.class.getResourceAsStream("spawn.json")) {
            Files.copy(in, results.resolve("08-W9.json"));
        }
    }

    @Test
    void readsEveryForkAndIterationOfPrimaryAndSecondaryResultsLeavingNaNsOut() throws IOException {
        List<Trial> trials = JmhJson.read(results.resolve("08-W9.json"));

        assertThat(trials).hasSize(3);
        Trial big = trials.get(1);
        assertThat(big.runs("W9Spawn.spawnIdle")).isTrue();
        assertThat(big.runs("Spawn.spawnIdle")).isFalse();
        assertThat(big.param("processes")).isEqualTo("100000");
        assertThat(big.jvmArgs()).containsExactly("-Xms8g", "-Xmx8g");
        assertThat(big.values(null)).containsExactly(List.of(200.0), List.of(100.0), List.of(300.0));
        assertThat(big.values("heapMebibytes")).containsExactly(List.of(70.0), List.of(71.0), List.of(72.0));
        assertThat(big.values("gc.alloc.rate.norm")).isEmpty();
        assertThat(trials.get(2).values(null)).containsExactly(List.of(5.0, 7.0));
    }

    @Test
    void aSampleTimeResultGivesMeanMedianAndP99PerIterationFromItsHistograms() throws IOException {
        Path file = dir.resolve("call.json");
        try (InputStream in = ReportTests.class.getResourceAsStream("call.json")) {
            Files.copy(in, file);
        }

        Trial call = JmhJson.read(file).get(0);

        assertThat(call.values(null)).containsExactly(List.of(79.8, 100.0));
        assertThat(call.values(JmhJson.MEDIAN)).containsExactly(List.of(60.0, 100.0));
        assertThat(call.values(JmhJson.P99)).containsExactly(List.of(80.0, 100.0));
    }

    @Test
    void tabulatesMedianAndRangeOverForksPerPeerAndSize() throws IOException {
        GrowthReport report = new GrowthReport(JmhJson.readDirectory(results), PEERS);

        assertThat(report.markdown(List.of(TIME))).isEqualTo("""
                **Spawn** (ms)

                | processes | rusm | raw VT | rusm, ns per process | raw VT, ns per process |
                |---|---|---|---|---|
                | 10,000 | 20.0 | 6.00 | 2,000 | 600 |
                | 100,000 | 200 [100–300] | – | 2,000 [1,000–3,000] | – |

                """);
        assertThat(report.points(HEAP).get("rusm").get(10_000L).median()).isEqualTo(7.0);
    }

    @Test
    void aNewerRunOfTheSameTrialReplacesTheOlderOne() throws IOException {
        Path again = Files.createDirectories(dir.resolve("again"));
        Files.copy(results.resolve("08-W9.json"), again.resolve("old.json"));
        Files.writeString(again.resolve("new.json"), Files.readString(again.resolve("old.json"))
                .replace("10.0,", "40.0,").replace("20.0,", "50.0,").replace("30.0\n", "60.0\n"));
        Files.setLastModifiedTime(again.resolve("old.json"), FileTime.fromMillis(1_000));

        List<Trial> trials = JmhJson.readDirectory(again);

        assertThat(trials).hasSize(3);
        assertThat(new GrowthReport(trials, PEERS).points(TIME).get("rusm").get(10_000L).median()).isEqualTo(50.0);
    }

    @Test
    void drawsOnePngPerChartedCurve() throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path charts = dir.resolve("charts");

        List<Path> written = new GrowthReport(JmhJson.readDirectory(results), PEERS).draw(List.of(TIME, HEAP), charts);

        assertThat(written).containsExactly(charts.resolve("spawn-time.png"), charts.resolve("spawn-heap.png"));
        BufferedImage image = ImageIO.read(written.getFirst().toFile());
        assertThat(image.getWidth()).isEqualTo(LineChart.WIDTH);
        assertThat(image.getHeight()).isEqualTo(LineChart.HEIGHT);
    }

    @Test
    void aFileThatIsNotAJmhResultIsRejectedByName() throws IOException {
        Path bogus = Files.writeString(dir.resolve("bogus.json"), "{\"benchmark\": \"x\"}");

        assertThatIllegalArgumentException().isThrownBy(() -> JmhJson.read(bogus))
                .withMessageContaining("bogus.json is not a JMH JSON result");
    }
}
