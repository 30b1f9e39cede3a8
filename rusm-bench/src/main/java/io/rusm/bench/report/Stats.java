package io.rusm.bench.report;

import java.util.List;
import java.util.Optional;

/**
 * The median and range of one figure over forks.
 *
 * @param median the median of the per-fork figures
 * @param min the smallest
 * @param max the largest
 * @param forks how many forks the figure comes from
 */
public record Stats(double median, double min, double max, int forks) {

    /**
     * Summarises per-fork figures.
     *
     * @param values one figure per fork
     * @return their median and range, or empty if there is none
     */
    public static Optional<Stats> of(List<Double> values) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = v.length;
        double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
        return Optional.of(new Stats(median, v[0], v[n - 1], n));
    }
}
