package io.rusm.spring.boot.actuate.endpoint;

/**
 * The cluster-wide part of the {@code rusm} endpoint, present in cluster mode only: the
 * section {@code cluster} and the killing of a process group on every node. Every other
 * section stays local to the node that answers.
 *
 * @author rusm contributors
 * @since 0.1.0
 */
public interface ClusterSection {

	/**
	 * Describes the cluster: its nodes, global names, and census and process groups summed
	 * over the nodes.
	 * @return the description
	 */
	ClusterDescriptor describe();

	/**
	 * Kills the members of a process group on every node.
	 * @param tag the tag
	 * @return how many were killed
	 */
	int killTag(String tag);

}
