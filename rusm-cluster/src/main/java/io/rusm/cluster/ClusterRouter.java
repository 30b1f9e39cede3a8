package io.rusm.cluster;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import io.rusm.core.Delivery;
import io.rusm.core.ExitReason;
import io.rusm.core.MonitorRef;
import io.rusm.core.NoProcessException;
import io.rusm.core.Pid;
import io.rusm.core.RemoteProcesses;

import io.rusm.cluster.backend.Envelope.Kind;

/**
 * What the runtime of a joined node does with pids of other nodes: finds the node by the pid's
 * node number and carries the operation there. A pid whose node is unknown or gone behaves as a
 * dead process: {@code send} is {@code false}, {@code call} throws {@link NoProcessException},
 * a monitor goes down at once with {@code noproc}.
 */
final class ClusterRouter implements RemoteProcesses {

	private final NodeNumbers numbers;

	private final NodeDirectory directory;

	private final RemoteMessaging messaging;

	private final RemoteWatches watches;

	ClusterRouter(NodeNumbers numbers, NodeDirectory directory, RemoteMessaging messaging, RemoteWatches watches) {
		this.numbers = numbers;
		this.directory = directory;
		this.messaging = messaging;
		this.watches = watches;
	}

	/** The live node a pid belongs to, or {@code null}. */
	private @Nullable String nodeOf(Pid pid) {
		String node = this.numbers.nodeId(pid.node());
		return (node != null && this.directory.isLive(node)) ? node : null;
	}

	@Override
	public Delivery send(Pid pid, Object message) {
		String node = nodeOf(pid);
		if (node == null) {
			return Delivery.NO_PROCESS;
		}
		this.messaging.send(node, pid.id(), message);
		return Delivery.DELIVERED;
	}

	@Override
	public <T> T call(Pid pid, Object request, Duration timeout) {
		Objects.requireNonNull(request, "request");
		String node = nodeOf(pid);
		if (node == null) {
			throw new NoProcessException("no process " + pid + ": its node is not in the cluster");
		}
		return this.messaging.call(node, pid.id(), request, timeout);
	}

	@Override
	public boolean exit(Pid pid, ExitReason reason) {
		String node = nodeOf(pid);
		return node != null && this.messaging.control(node, Kind.EXIT, pid.id(), reason);
	}

	@Override
	public boolean signalExit(Pid pid, ExitReason reason) {
		String node = nodeOf(pid);
		return node != null && this.messaging.control(node, Kind.SIGNAL_EXIT, pid.id(), reason);
	}

	@Override
	public boolean isAlive(Pid pid) {
		String node = nodeOf(pid);
		return node != null && this.messaging.control(node, Kind.IS_ALIVE, pid.id(), null);
	}

	@Override
	public void link(Pid local, Pid remote) {
		String node = nodeOf(remote);
		if (node != null) {
			this.watches.link(local, remote, node);
		}
	}

	@Override
	public void unlink(Pid local, Pid remote) {
		String node = nodeOf(remote);
		if (node != null) {
			this.watches.unlink(local, remote, node);
		}
	}

	@Override
	public MonitorRef monitor(Pid watcher, Pid target) {
		String node = nodeOf(target);
		if (node != null) {
			return this.watches.monitor(watcher, target, node);
		}
		return this.watches.monitorGone(watcher, target);
	}

	@Override
	public boolean demonitor(MonitorRef ref) {
		String node = nodeOf(ref.target());
		return node != null && this.watches.demonitor(ref, node);
	}
}
