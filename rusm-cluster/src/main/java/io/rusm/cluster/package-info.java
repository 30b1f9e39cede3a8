/**
 * One rusm system across application instances: global names, cluster-wide groups and census,
 * on an embedded cluster engine (Hazelcast by default).
 */
@NullMarked
package io.rusm.cluster;

import org.jspecify.annotations.NullMarked;
