package io.rusm.spring.boot.actuate.endpoint;

import java.util.List;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The cluster as one node sees it, answered by {@code GET /actuator/rusm/cluster}.
 *
 * @param cluster the cluster's name
 * @param nodes its nodes, oldest first
 * @param names every global name and where its holder runs
 * @param census live processes per label, summed over the nodes
 * @param tags live members per process group, summed over the nodes
 * @author rusm contributors
 * @since 0.1.0
 */
public record ClusterDescriptor(String cluster, List<NodeDescriptor> nodes, Map<String, GlobalNameDescriptor> names,
		Map<String, Integer> census, Map<String, Integer> tags) implements OperationResponseBody {

	/**
	 * One node of the cluster.
	 *
	 * @param name the node's name
	 * @param address the {@code host:port} of its member
	 * @param local whether it is the node that answers
	 * @param processes how many processes it runs
	 * @since 0.1.0
	 */
	public record NodeDescriptor(String name, String address, boolean local, int processes) {

	}

	/**
	 * The holder of a global name.
	 *
	 * @param pid the holder's pid as the answering node renders it ({@code <0.N.0>} when
	 * local, {@code <K.N.0>} when on node K)
	 * @param node the name of the node it runs on
	 * @since 0.1.0
	 */
	public record GlobalNameDescriptor(String pid, String node) {

	}

}
