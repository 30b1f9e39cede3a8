package io.rusm.cluster;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import io.rusm.core.ExitReason;
import io.rusm.core.MonitorRef;
import io.rusm.core.Pid;
import io.rusm.core.ProcessHandle;
import io.rusm.core.ProcessInfo;
import io.rusm.core.Runtime;
import io.rusm.core.Signal;

import io.rusm.cluster.backend.ClusterBackend;
import io.rusm.cluster.backend.Envelope;
import io.rusm.cluster.backend.Envelope.Kind;

/**
 * Monitors and links across nodes. Each node watches its own processes for the watchers and link
 * partners on other nodes (one unlabeled process, the watch keeper, holds a local monitor per
 * remote watch) and tells their nodes when a process ends; a node that leaves ends every monitor
 * and link to its processes with {@link ExitReason#NOCONNECTION}.
 */
final class RemoteWatches {

	private final Runtime runtime;

	private final ClusterBackend backend;

	private final String nodeId;

	private final NodeNumbers numbers;

	private final AtomicLong refs = new AtomicLong();

	/** Monitors held by local watchers on remote targets, by reference id. */
	private final Map<Long, MonitorRef> monitors = new ConcurrentHashMap<>();

	/** Links between a local process and a remote one. */
	private final Set<Link> links = ConcurrentHashMap.newKeySet();

	private final ProcessHandle keeper;

	RemoteWatches(Runtime runtime, ClusterBackend backend, String nodeId, NodeNumbers numbers) {
		this.runtime = runtime;
		this.backend = backend;
		this.nodeId = nodeId;
		this.numbers = numbers;
		this.keeper = runtime.spawn((ctx) -> {
			Map<MonitorRef, Watch> byRef = new HashMap<>();
			Map<Watch, MonitorRef> byWatch = new HashMap<>();
			// A Down can overtake the Watched that announces its monitor: kept until it arrives.
			Map<MonitorRef, ExitReason> early = new HashMap<>();
			for (;;) {
				switch (ctx.receive()) {
					case Watched watched -> {
						ExitReason ended = early.remove(watched.ref());
						if (byWatch.containsKey(watched.watch())) {
							runtime.demonitor(watched.ref());
						}
						else if (ended != null) {
							tell(watched.watch(), ended);
						}
						else {
							byRef.put(watched.ref(), watched.watch());
							byWatch.put(watched.watch(), watched.ref());
						}
					}
					case Unwatch unwatch -> {
						MonitorRef ref = byWatch.remove(unwatch.watch());
						if (ref != null) {
							byRef.remove(ref);
							runtime.demonitor(ref);
						}
					}
					case NodeGone gone -> byWatch.entrySet().removeIf((entry) -> {
						if (entry.getKey().node().equals(gone.node())) {
							byRef.remove(entry.getValue());
							runtime.demonitor(entry.getValue());
							return true;
						}
						return false;
					});
					case Signal.Down down -> {
						Watch watch = byRef.remove(down.ref());
						if (watch != null) {
							byWatch.remove(watch);
							tell(watch, down.reason());
						}
						else {
							early.put(down.ref(), down.reason());
						}
					}
					default -> {
					}
				}
			}
		});
	}

	/**
	 * Watches a local process for another node. The keeper's monitor is set here, on the
	 * caller's thread, before anything that arrives after the request can reach the process:
	 * a message that makes it exit cannot overtake the monitor.
	 */
	private void watch(Watch watch) {
		MonitorRef ref = this.runtime.monitor(this.keeper.pid(), watch.local());
		this.runtime.send(this.keeper.pid(), new Watched(watch, ref));
	}

	// ------------------------------------------------------------------ asked by local processes

	MonitorRef monitor(Pid watcher, Pid target, String node) {
		MonitorRef ref = new MonitorRef(this.refs.incrementAndGet(), watcher, target);
		this.monitors.put(ref.id(), ref);
		send(node, Kind.MONITOR, target.id(), ref.id(), watcher.id(), null);
		return ref;
	}

	/** A monitor of a process whose node is unknown or gone: down at once, with {@code noproc}. */
	MonitorRef monitorGone(Pid watcher, Pid target) {
		MonitorRef ref = new MonitorRef(this.refs.incrementAndGet(), watcher, target);
		this.runtime.send(watcher, new Signal.Down(ref, target, ExitReason.NOPROC));
		return ref;
	}

	boolean demonitor(MonitorRef ref, String node) {
		if (!this.monitors.remove(ref.id(), ref)) {
			return false;
		}
		send(node, Kind.DEMONITOR, ref.target().id(), ref.id(), ref.watcher().id(), null);
		return true;
	}

	void link(Pid local, Pid remote, String node) {
		if (!this.runtime.isAlive(local) || !this.links.add(new Link(local, remote))) {
			return;
		}
		watch(new Watch(local, node, remote.id(), 0, true));
		send(node, Kind.LINK, remote.id(), 0, local.id(), null);
	}

	void unlink(Pid local, Pid remote, String node) {
		if (this.links.remove(new Link(local, remote))) {
			this.runtime.send(this.keeper.pid(), new Unwatch(new Watch(local, node, remote.id(), 0, true)));
			send(node, Kind.UNLINK, remote.id(), 0, local.id(), null);
		}
	}

	// ------------------------------------------------------------------ told by other nodes

	void receive(Envelope envelope) {
		String from = Objects.requireNonNull(envelope.replyTo(), "an envelope without a sender");
		long peer = (envelope.payload() instanceof Long number) ? number : 0;
		Pid local = Pid.of(envelope.pid());
		switch (envelope.kind()) {
			case MONITOR -> watch(new Watch(local, from, peer, envelope.correlation(), false));
			case DEMONITOR -> this.runtime.send(this.keeper.pid(),
					new Unwatch(new Watch(local, from, peer, envelope.correlation(), false)));
			case DOWN -> {
				MonitorRef ref = this.monitors.remove(envelope.correlation());
				if (ref != null) {
					this.runtime.send(ref.watcher(), new Signal.Down(ref, ref.target(), RemoteMessaging.reason(envelope.detail())));
				}
			}
			case LINK -> {
				Pid partner = this.numbers.pidOf(from, peer);
				if (this.links.add(new Link(local, partner))) {
					watch(new Watch(local, from, peer, 0, true));
				}
			}
			case UNLINK -> {
				if (this.links.remove(new Link(local, this.numbers.pidOf(from, peer)))) {
					this.runtime.send(this.keeper.pid(), new Unwatch(new Watch(local, from, peer, 0, true)));
				}
			}
			case LINK_EXIT -> {
				Pid partner = this.numbers.pidOf(from, peer);
				if (this.links.remove(new Link(local, partner))) {
					this.runtime.send(this.keeper.pid(), new Unwatch(new Watch(local, from, peer, 0, true)));
					exitSignal(local, partner, RemoteMessaging.reason(envelope.detail()));
				}
			}
			default -> throw new IllegalArgumentException("not a watch envelope: " + envelope.kind());
		}
	}

	/** A node left: its processes' monitors go down, and its link partners' exits arrive, as noconnection. */
	void nodeLeft(String node) {
		int number = this.numbers.numberOf(node);
		this.monitors.values().removeIf((ref) -> {
			if (ref.target().node() == number) {
				this.runtime.send(ref.watcher(), new Signal.Down(ref, ref.target(), ExitReason.NOCONNECTION));
				return true;
			}
			return false;
		});
		this.links.removeIf((link) -> {
			if (link.remote().node() == number) {
				exitSignal(link.local(), link.remote(), ExitReason.NOCONNECTION);
				return true;
			}
			return false;
		});
		this.runtime.send(this.keeper.pid(), new NodeGone(node));
	}

	void stop() {
		this.keeper.kill();
	}

	/** Applies a linked process's exit to a local one, as a local link would. */
	private void exitSignal(Pid local, Pid from, ExitReason reason) {
		boolean trapping = this.runtime.info(local).map(ProcessInfo::trapExit).orElse(false);
		if (trapping) {
			this.runtime.send(local, new Signal.Exit(from, reason));
		}
		else if (reason.isAbnormal()) {
			this.runtime.exit(local, reason);
		}
	}

	/** A watched local process ended: tell the watcher's node. */
	private void tell(Watch watch, ExitReason reason) {
		if (watch.link()) {
			this.links.remove(new Link(watch.local(), this.numbers.pidOf(watch.node(), watch.peer())));
			if (reason == ExitReason.NOPROC) {
				// Linking to a process that is already gone is a no-op, as between local processes.
				send(watch.node(), Kind.UNLINK, watch.peer(), 0, watch.local().id(), null);
				return;
			}
			send(watch.node(), Kind.LINK_EXIT, watch.peer(), 0, watch.local().id(), RemoteMessaging.describe(reason));
		}
		else {
			send(watch.node(), Kind.DOWN, watch.peer(), watch.ref(), watch.local().id(), RemoteMessaging.describe(reason));
		}
	}

	private void send(String node, Kind kind, long pid, long correlation, long peer, @Nullable String detail) {
		try {
			this.backend.deliver(node, new Envelope(kind, pid, correlation, this.nodeId, 0, peer, detail));
		}
		catch (RuntimeException ex) {
			// The node is gone or this member is stopping: nodeLeft settles what was watched there.
		}
	}

	/** A local process watched for a process of another node (a monitor, or one side of a link). */
	private record Watch(Pid local, String node, long peer, long ref, boolean link) {
	}

	/** A watch whose monitor is set, told to the keeper. */
	private record Watched(Watch watch, MonitorRef ref) {
	}

	private record Unwatch(Watch watch) {
	}

	private record NodeGone(String node) {
	}

	private record Link(Pid local, Pid remote) {
	}
}
