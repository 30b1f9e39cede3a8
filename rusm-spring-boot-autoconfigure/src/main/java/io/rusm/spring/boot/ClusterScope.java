package io.rusm.spring.boot;

import java.util.Optional;

import io.rusm.core.Pid;
import io.rusm.core.ProcessBody;
import io.rusm.core.SpawnOptions;

/**
 * The cluster as the Spring layer needs it: the global names that
 * {@link RusmProcess.Scope#CLUSTER cluster-scoped} singletons claim, and the node count the
 * health check shows. Cluster mode provides it as a bean over {@code RusmCluster}; without
 * one, cluster-scoped singletons run once per node.
 *
 * @author rusm contributors
 * @since 0.1.0
 */
public interface ClusterScope {

	/**
	 * Returns the holder of a global name, or spawns {@code body} on this node as its holder;
	 * exactly one caller in the cluster wins.
	 * @param name the global name
	 * @param options how to spawn the holder
	 * @param body what the holder runs
	 * @return the holder's pid, local or remote
	 */
	Pid whereisOrSpawn(String name, SpawnOptions options, ProcessBody body);

	/**
	 * Registers a local process under a global name.
	 * @param name the global name
	 * @param pid a live local process
	 * @return {@code false} if the name is held anywhere in the cluster
	 */
	boolean register(String name, Pid pid);

	/**
	 * Looks up a global name.
	 * @param name the global name
	 * @return its live holder, if any
	 */
	Optional<Pid> whereis(String name);

	/**
	 * Counts the nodes of the cluster, without asking them.
	 * @return the number of nodes, this one included
	 */
	int nodeCount();

}
