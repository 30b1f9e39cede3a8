/**
 * Measurements of the {@code rusm} actuator endpoint: a load driver (latency of the summary and of a page of
 * the process table under many concurrent clients, with a large live process table) and the
 * {@link io.rusm.bench.endpoint.Population} of labeled, tagged and named processes it and W9 run against.
 */
@NullMarked
package io.rusm.bench.endpoint;

import org.jspecify.annotations.NullMarked;
