package io.rusm.cluster;

/**
 * A node of the cluster, as {@link RusmCluster#nodes()} lists it.
 *
 * @param name the node's name ({@code host:port} of its member unless named at join)
 * @param address the {@code host:port} its cluster member listens on
 * @param local whether it is the node asked
 * @param processes how many processes it runs
 * @since 0.1.0
 */
public record NodeInfo(String name, String address, boolean local, int processes) {
}
