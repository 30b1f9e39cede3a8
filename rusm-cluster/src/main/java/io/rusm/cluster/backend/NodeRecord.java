package io.rusm.cluster.backend;

import java.util.Objects;

/**
 * A rusm node as the cluster knows it: the id it stamps on its names, the name operators see,
 * and the address its engine listens on.
 *
 * @param id a unique id, fixed for the life of the node's {@link io.rusm.cluster.RusmCluster}
 * (unlike an engine's member id, which may change when the member rejoins after a split)
 * @param name the node's name
 * @param address the engine's {@code host:port}
 * @since 0.1.0
 */
public record NodeRecord(String id, String name, String address) {

	/**
	 * Creates a node record.
	 * @param id the node id
	 * @param name the node name
	 * @param address the node's address
	 */
	public NodeRecord {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(address, "address");
	}
}
