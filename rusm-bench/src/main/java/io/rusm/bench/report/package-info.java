/**
 * The output side of the suite: JMH's JSON results read back ({@link io.rusm.bench.report.Trial},
 * {@link io.rusm.bench.report.JmhJson}), the per-fork figures and their spread
 * ({@link io.rusm.bench.report.Pick}, {@link io.rusm.bench.report.Stats}), and growth curves drawn
 * as PNG charts with JFreeChart ({@link io.rusm.bench.report.Curve},
 * {@link io.rusm.bench.report.GrowthReport}).
 */
@NullMarked
package io.rusm.bench.report;

import org.jspecify.annotations.NullMarked;
