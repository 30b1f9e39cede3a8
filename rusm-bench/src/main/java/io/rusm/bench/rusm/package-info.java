/** The workloads on rusm, written against the public API of {@code io.rusm.core} only. */
@NullMarked
package io.rusm.bench.rusm;

import org.jspecify.annotations.NullMarked;
