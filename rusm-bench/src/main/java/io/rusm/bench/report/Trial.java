package io.rusm.bench.report;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One JMH run of one benchmark method with one set of parameters, as JMH's JSON result holds it:
 * every measured iteration of every fork, for the primary score and each secondary result.
 *
 * @param benchmark the benchmark's full name, {@code package.Class.method}
 * @param params the {@code @Param} values, by name
 * @param jvmArgs the arguments the forks ran with
 * @param primary the primary score, per fork, per measured iteration, in the benchmark's unit
 * @param secondary each secondary result (profiler or {@code @AuxCounters}), per fork, per measured
 *     iteration, by JMH's name for it
 */
public record Trial(String benchmark, Map<String, String> params, List<String> jvmArgs, List<List<Double>> primary,
        Map<String, List<List<Double>>> secondary) {

    /** Copies every collection, so that a trial never changes. */
    public Trial {
        Objects.requireNonNull(benchmark, "benchmark");
        params = Map.copyOf(params);
        jvmArgs = List.copyOf(jvmArgs);
        primary = primary.stream().map(List::copyOf).toList();
        secondary = Map.copyOf(secondary);
    }

    /**
     * Whether this trial ran the method, given as {@code Class.method}.
     *
     * @param method the simple class name and the method, such as {@code W4IdleProcesses.spawnIdle}
     * @return whether the benchmark's name ends with it
     */
    public boolean runs(String method) {
        return benchmark.endsWith("." + method);
    }

    /**
     * A parameter's value.
     *
     * @param name the {@code @Param} field's name
     * @return its value, or null if the benchmark has no such parameter
     */
    public @Nullable String param(String name) {
        return params.get(name);
    }

    /**
     * The per-fork, per-iteration values of one result.
     *
     * @param result null for the primary score, else the end of a secondary result's name (JMH
     *     prefixes profiler results, such as {@code ·gc.alloc.rate.norm})
     * @return the values, or an empty list if this trial has no such result
     */
    public List<List<Double>> values(@Nullable String result) {
        if (result == null) {
            return primary;
        }
        for (var entry : secondary.entrySet()) {
            if (entry.getKey().endsWith(result)) {
                return entry.getValue();
            }
        }
        return List.of();
    }

    /** The trial's identity: the same benchmark, parameters and JVM arguments run again replace it. */
    String key() {
        return benchmark + new java.util.TreeMap<>(params) + jvmArgs;
    }
}
