/**
 * jcstress tests of rusm-core's lock-free protocols. They live in rusm-core's own package (a
 * split package on the class path, never shipped) so they can drive the package-private classes
 * directly, without any test-only entry point in the library.
 */
@NullMarked
package io.rusm.core;

import org.jspecify.annotations.NullMarked;
