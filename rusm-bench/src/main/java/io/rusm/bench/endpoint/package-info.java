/**
 * A load driver for the {@code rusm} actuator endpoint: latency of the summary and of a page of
 * the process table under many concurrent clients, with a large live process table.
 */
@NullMarked
package io.rusm.bench.endpoint;

import org.jspecify.annotations.NullMarked;
