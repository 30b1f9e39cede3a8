/**
 * Cluster mode: an embedded Hazelcast member and a {@code RusmCluster} node per application
 * instance, cluster-scoped {@code @RusmProcess} singletons, and the cluster view of the actuator
 * endpoint.
 */
@NullMarked
package io.rusm.spring.boot.cluster;

import org.jspecify.annotations.NullMarked;
