/**
 * Benchmarks of rusm side by side with Apache Pekko typed and raw JDK virtual threads.
 *
 * <p>Each workload (W1 spawn storm, W2 ping-pong, W3 fan-in, W4 idle processes, W5 timers,
 * W6 registry) is defined once, as a JMH benchmark class parameterised by {@code peer}, and
 * played by every {@link io.rusm.bench.Peer}: {@code rusm}, {@code pekko} (Pekko's default
 * dispatcher), {@code pekko-2} (Pekko's default dispatcher pinned to 2 threads) and {@code vt}
 * (raw virtual threads, the floor). {@link io.rusm.bench.RunAll} runs the whole suite and prints
 * the table of {@code docs/benchmarks.md}; {@link io.rusm.bench.SpawnStorm} is the live spawn
 * storm of the README.
 */
@NullMarked
package io.rusm.bench;

import org.jspecify.annotations.NullMarked;
