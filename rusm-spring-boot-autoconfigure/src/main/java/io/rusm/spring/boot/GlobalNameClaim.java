package io.rusm.spring.boot;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

import io.rusm.core.Pid;

/**
 * Takes a cluster-scoped singleton's global name for a new incarnation, before it counts as
 * running. The previous holder's record may outlive it briefly (its node releases it once it
 * sees the exit, or the cluster once it declares the node dead), so the claim is retried for a
 * few seconds; an incarnation that cannot take the name crashes and its supervisor restarts it.
 */
final class GlobalNameClaim implements Consumer<Pid> {

	private static final Duration PATIENCE = Duration.ofSeconds(5);

	private static final Duration PAUSE = Duration.ofMillis(20);

	private final ClusterScope cluster;

	private final String name;

	GlobalNameClaim(ClusterScope cluster, String name) {
		this.cluster = cluster;
		this.name = name;
	}

	@Override
	public void accept(Pid self) {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (!this.cluster.register(this.name, self)) {
			Optional<Pid> holder = this.cluster.whereis(this.name);
			if (holder.isPresent() && holder.get().equals(self)) {
				return;
			}
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException("the global name '" + this.name + "' is still held by "
						+ holder.map(Pid::toString).orElse("a process being spawned") + " after " + PATIENCE);
			}
			try {
				Thread.sleep(PAUSE);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while claiming the global name '" + this.name + "'", ex);
			}
		}
	}

}
