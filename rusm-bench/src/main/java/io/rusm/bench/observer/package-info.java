/**
 * A cost probe of the observer page: how much CPU the application spends serving the page
 * while each of its views is open in headless Chromium on a large live process table, and how
 * much one request of each URL the page polls costs.
 */
@NullMarked
package io.rusm.bench.observer;

import org.jspecify.annotations.NullMarked;
