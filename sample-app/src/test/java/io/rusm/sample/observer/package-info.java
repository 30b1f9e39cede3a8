/**
 * Browser tests of the rusm observer page: the sample app on a random port, driven by
 * headless Chromium.
 */
@NullMarked
package io.rusm.sample.observer;

import org.jspecify.annotations.NullMarked;
