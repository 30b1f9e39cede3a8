/**
 * The workloads on Apache Pekko typed, written the way a Pekko user writes them in Java: one
 * {@code ActorSystem} per workload, with Pekko's default dispatcher as shipped or pinned to 2
 * threads.
 */
@NullMarked
package io.rusm.bench.pekko;

import org.jspecify.annotations.NullMarked;
