package io.rusm.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws one {@link Curve} as a PNG line chart with JFreeChart: a series per peer (points marked),
 * sizes on a logarithmic axis, and, on log-log charts, a dashed line of linear growth to compare
 * the slopes against. Rendering needs no display ({@code java.awt.headless=true}).
 */
final class LineChart {

    static final int WIDTH = 900;
    static final int HEIGHT = 540;

    private static final List<Color> PEER_COLORS = List.of(new Color(0x1f77b4), new Color(0xff7f0e),
            new Color(0x2ca02c), new Color(0xd62728));
    private static final Color REFERENCE_COLOR = new Color(0x888888);
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    private static final Font NOTE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private final Curve curve;
    private final Map<String, String> peerTitles;

    LineChart(Curve curve, Map<String, String> peerTitles) {
        this.curve = curve;
        this.peerTitles = peerTitles;
    }

    /** Writes {@code <chart>.png} into the directory and returns its path. */
    Path write(Map<String, SortedMap<Long, Stats>> points, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(Objects.requireNonNull(curve.chart(), "chart") + ".png");
        ChartUtils.saveChartAsPNG(file.toFile(), chart(points), WIDTH, HEIGHT);
        return file;
    }

    private JFreeChart chart(Map<String, SortedMap<Long, Stats>> points) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (var peer : points.entrySet()) {
            XYSeries series = new XYSeries(peerTitles.getOrDefault(peer.getKey(), peer.getKey()));
            peer.getValue().forEach((size, stats) -> series.add(size.doubleValue(), stats.median()));
            data.addSeries(series);
        }
        boolean reference = curve.scale() == Curve.Scale.LOG_LOG;
        if (reference) {
            data.addSeries(linearReference(points));
        }
        LogAxis sizes = decades(curve.size() + " (log scale)", "#,##0");
        sizes.setLowerMargin(0.08);
        sizes.setUpperMargin(0.08);
        ValueAxis values;
        String valueLabel = curve.quantity() + " (" + curve.unit() + ")";
        if (reference) {
            LogAxis log = decades(valueLabel + ", log scale", "#,##0.###");
            log.setLowerMargin(0.1);
            log.setUpperMargin(0.1);
            values = log;
        } else {
            NumberAxis linear = new NumberAxis(valueLabel);
            linear.setAutoRangeIncludesZero(true);
            linear.setNumberFormatOverride(new DecimalFormat("#,##0.###"));
            values = linear;
        }
        XYPlot plot = new XYPlot(data, sizes, values, renderer(points.size(), reference));
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        plot.setOutlineVisible(false);
        JFreeChart chart = new JFreeChart(curve.title(), TITLE_FONT, plot, true);
        chart.addSubtitle(new TextTitle(curve.note(), NOTE_FONT));
        chart.setBackgroundPaint(Color.WHITE);
        chart.getLegend().setFrame(org.jfree.chart.block.BlockBorder.NONE);
        return chart;
    }

    /** A base-10 axis with a labelled tick at every power of ten and unlabelled ones between. */
    private static LogAxis decades(String label, String format) {
        LogAxis axis = new LogAxis(label);
        axis.setBase(10);
        axis.setTickUnit(new NumberTickUnit(1.0), false, true);
        axis.setNumberFormatOverride(new DecimalFormat(format));
        axis.setMinorTickMarksVisible(true);
        axis.setMinorTickCount(9);
        return axis;
    }

    /** Linear growth through the first peer's smallest point, over every size drawn. */
    private XYSeries linearReference(Map<String, SortedMap<Long, Stats>> points) {
        var first = points.entrySet().iterator().next();
        long size0 = first.getValue().firstKey();
        double value0 = first.getValue().get(size0).median();
        XYSeries line = new XYSeries("linear growth (∝ " + curve.size() + ") from "
                + peerTitles.getOrDefault(first.getKey(), first.getKey()) + " at " + String.format(java.util.Locale.ROOT, "%,d", size0));
        points.values().stream().flatMap(p -> p.keySet().stream()).distinct().sorted()
                .forEach(size -> line.add(size.doubleValue(), value0 * size / size0));
        return line;
    }

    private static XYLineAndShapeRenderer renderer(int peers, boolean reference) {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < peers; i++) {
            renderer.setSeriesPaint(i, PEER_COLORS.get(i % PEER_COLORS.size()));
            renderer.setSeriesStroke(i, new BasicStroke(2.5f));
        }
        if (reference) {
            renderer.setSeriesPaint(peers, REFERENCE_COLOR);
            renderer.setSeriesStroke(peers, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 6f}, 0f));
            renderer.setSeriesShapesVisible(peers, false);
        }
        return renderer;
    }
}
