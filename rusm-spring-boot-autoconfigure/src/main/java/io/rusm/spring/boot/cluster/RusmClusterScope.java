package io.rusm.spring.boot.cluster;

import java.util.Optional;

import io.rusm.cluster.RusmCluster;
import io.rusm.core.Pid;
import io.rusm.core.ProcessBody;
import io.rusm.core.SpawnOptions;
import io.rusm.spring.boot.ClusterScope;

/**
 * The {@link ClusterScope} of a {@link RusmCluster} node: its global names.
 */
final class RusmClusterScope implements ClusterScope {

	private final RusmCluster cluster;

	RusmClusterScope(RusmCluster cluster) {
		this.cluster = cluster;
	}

	@Override
	public Pid whereisOrSpawn(String name, SpawnOptions options, ProcessBody body) {
		return this.cluster.whereisOrSpawn(name, options, body);
	}

	@Override
	public boolean register(String name, Pid pid) {
		return this.cluster.register(name, pid);
	}

	@Override
	public Optional<Pid> whereis(String name) {
		return this.cluster.whereis(name);
	}

	@Override
	public int nodeCount() {
		return this.cluster.nodeCount();
	}

}
