package io.rusm.bench.report;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One figure of a growth workload drawn over the size it grows with: one series per peer, one
 * point per size, each the median over forks of the per-fork figure.
 *
 * @param chart the PNG's file name without {@code .png}, or null for a table only
 * @param title what is measured, for the chart's title and the table's heading
 * @param note how it is measured, the chart's subtitle
 * @param method the benchmark, {@code Class.method}
 * @param result null for the primary score, else the end of a secondary result's name
 * @param pick which iterations of a fork give its figure
 * @param size the {@code @Param} the figure grows with, the x axis
 * @param quantity the y axis's name
 * @param unit the unit of the values, as JMH reports them
 * @param scale how the axes are drawn
 * @param perSize also tabulate value per size unit, or null
 */
public record Curve(@Nullable String chart, String title, String note, String method, @Nullable String result,
        Pick pick, String size, String quantity, String unit, Scale scale, @Nullable PerSize perSize) {

    /** Checks the names every chart and table needs. */
    public Curve {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(unit, "unit");
    }

    /** How the axes are drawn. */
    public enum Scale {
        /**
         * Both axes logarithmic, with a dashed line of linear growth through the first peer's
         * smallest point: a curve parallel to it grows linearly, a flatter one less than linearly.
         */
        LOG_LOG,
        /** Logarithmic sizes, linear values from zero: for a per-item figure, flat means linear growth. */
        LOG_X
    }

    /**
     * The value divided by the size, as an extra column of the table.
     *
     * @param unit the unit of the quotient, such as {@code ns per process}
     * @param factor multiplies the quotient, from the curve's unit to this one
     */
    public record PerSize(String unit, double factor) {
    }
}
