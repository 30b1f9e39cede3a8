package io.rusm.cluster.backend;

import io.rusm.core.Pid;

/**
 * How a node writes the pids in the messages it sends and reads those in the messages it receives:
 * on the wire a pid names its node by id, in memory by the node's local number ({@code 0} for
 * itself, as in Erlang), so a pid sent by node X arrives on node Y as X's pid.
 *
 * @since 0.1.0
 */
public interface PidTranslation {

	/**
	 * The id of the node a pid belongs to, for writing it.
	 * @param pid a pid as this node numbers it
	 * @return the id of its node; an id no live node has if its number is unknown here
	 */
	String nodeIdOf(Pid pid);

	/**
	 * The pid a node id and process number stand for here, for reading it.
	 * @param nodeId the id of the process's node
	 * @param id the process number on that node
	 * @return the pid as this node numbers it
	 */
	Pid pidOf(String nodeId, long id);
}
