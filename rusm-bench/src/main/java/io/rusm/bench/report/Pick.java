package io.rusm.bench.report;

import java.util.List;
import java.util.OptionalDouble;

/** Which measured iterations of a fork a figure is taken from. */
public enum Pick {

    /** The mean of all measured iterations. */
    MEAN,

    /** The first measured iteration (in a fresh JVM, for the single-shot workloads). */
    FIRST,

    /** The last measured iteration (the warmest). */
    LAST;

    /**
     * The figure of one fork.
     *
     * @param iterations the fork's measured iterations, in order
     * @return the figure, or empty if there is no iteration
     */
    public OptionalDouble of(List<Double> iterations) {
        if (iterations.isEmpty()) {
            return OptionalDouble.empty();
        }
        return switch (this) {
            case FIRST -> OptionalDouble.of(iterations.getFirst());
            case LAST -> OptionalDouble.of(iterations.getLast());
            case MEAN -> iterations.stream().mapToDouble(Double::doubleValue).average();
        };
    }
}
