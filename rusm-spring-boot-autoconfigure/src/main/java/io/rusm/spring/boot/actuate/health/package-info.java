/**
 * Health of the rusm singletons.
 */
@NullMarked
package io.rusm.spring.boot.actuate.health;

import org.jspecify.annotations.NullMarked;
