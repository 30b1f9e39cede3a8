/**
 * The floor: the same workloads on raw JDK virtual threads, a {@code ConcurrentHashMap} process
 * table and a {@code ConcurrentLinkedQueue} mailbox with park/unpark, and nothing else.
 */
@NullMarked
package io.rusm.bench.vt;

import org.jspecify.annotations.NullMarked;
