/**
 * The examples quoted in the root README, kept compiling and working by tests.
 */
@NullMarked
package io.rusm.sample.readme;

import org.jspecify.annotations.NullMarked;
