/**
 * The Hazelcast engine behind {@link io.rusm.cluster.RusmCluster}: the only package that sees
 * Hazelcast types, plus a locked-down member configuration (TCP/IP member lists, never multicast).
 */
@NullMarked
package io.rusm.cluster.hazelcast;

import org.jspecify.annotations.NullMarked;
