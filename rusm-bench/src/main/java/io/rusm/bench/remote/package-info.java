/**
 * W7: messages and calls between two nodes in two JVMs on loopback (rusm's cluster beside Pekko's
 * remoting, Artery over TCP), and the cost of the cluster-wide operations (global name claims,
 * {@code killTag} and {@code census} fan-out). The second JVM is started from the benchmark's own
 * classpath by {@link io.rusm.bench.remote.SecondJvm}.
 */
@NullMarked
package io.rusm.bench.remote;

import org.jspecify.annotations.NullMarked;
