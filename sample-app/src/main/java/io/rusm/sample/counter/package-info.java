/**
 * A supervised singleton that counts visits, can be made to crash over HTTP, and comes
 * back from its supervisor with fresh state.
 */
@NullMarked
package io.rusm.sample.counter;

import org.jspecify.annotations.NullMarked;
