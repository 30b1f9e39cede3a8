/**
 * The exit history: a bounded, Caffeine-backed memory of how processes ended.
 */
@NullMarked
package io.rusm.spring.boot.exit;

import org.jspecify.annotations.NullMarked;
