package io.rusm.cluster.backend;

/**
 * What the engine tells a node about the cluster. Called on the engine's event threads: handle
 * quickly or hand off.
 *
 * @since 0.1.0
 */
public interface ClusterEvents {

	/**
	 * A member left the cluster or was found dead.
	 * @param memberId the member's engine id
	 */
	void memberLeft(String memberId);

	/**
	 * A node left the cluster: it closed, or its member left or was found dead and the node was
	 * forgotten.
	 * @param nodeId the node's id
	 */
	void nodeLeft(String nodeId);

	/**
	 * This member rejoined the cluster after a split healed; its member id may have changed.
	 */
	void merged();

	/**
	 * A split-brain merge chose a holder for {@code name}.
	 * @param name the global name
	 */
	void nameMerged(String name);
}
