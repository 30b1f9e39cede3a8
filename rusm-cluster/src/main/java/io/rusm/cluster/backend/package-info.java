/**
 * The small contract a cluster engine fulfils for {@link io.rusm.cluster.RusmCluster}: membership,
 * a shared map of global names, and requests answered by every node. No engine types appear here.
 */
@NullMarked
package io.rusm.cluster.backend;

import org.jspecify.annotations.NullMarked;
