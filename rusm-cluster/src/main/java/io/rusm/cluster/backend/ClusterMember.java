package io.rusm.cluster.backend;

/**
 * A member of the engine's cluster, as its membership view lists it (oldest first).
 *
 * @param id the engine's member id
 * @param address the member's {@code host:port}
 * @param local whether it is this member
 * @since 0.1.0
 */
public record ClusterMember(String id, String address, boolean local) {
}
