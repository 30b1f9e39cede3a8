/**
 * Micrometer metrics of the rusm runtime.
 */
@NullMarked
package io.rusm.spring.boot.actuate.metrics;

import org.jspecify.annotations.NullMarked;
