/**
 * W9, how cost grows: the same operation at 1,000 or 10,000, 100,000 and 1,000,000 processes,
 * each size in a fresh JVM, so that {@link io.rusm.bench.report.Charts} can draw each figure as
 * a curve over the size.
 *
 * <p>{@link io.rusm.bench.growth.W9Spawn} spawns idle processes (rusm and raw virtual threads),
 * {@link io.rusm.bench.growth.W9KillTag} kills a whole process group and waits until every member
 * has ended, {@link io.rusm.bench.growth.W9Summary} reads the {@code /actuator/rusm} summary from
 * the endpoint bean while the runtime holds that many labeled, tagged processes.
 */
@NullMarked
package io.rusm.bench.growth;

import org.jspecify.annotations.NullMarked;
