package io.rusm.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import com.hazelcast.core.HazelcastInstance;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.rusm.core.Pid;
import io.rusm.core.ProcessBody;
import io.rusm.core.Runtime;
import io.rusm.core.SpawnOptions;

import io.rusm.cluster.backend.ClusterBackend;
import io.rusm.cluster.backend.ClusterEvents;
import io.rusm.cluster.backend.ClusterMember;
import io.rusm.cluster.backend.NodeRecord;
import io.rusm.cluster.backend.NodeRequest.Operation;
import io.rusm.cluster.hazelcast.HazelcastBackend;

/**
 * A {@link Runtime} joined to a cluster: one node of a system that spans application instances,
 * as an Erlang node is one of a distributed system. It adds what Erlang's {@code global} and
 * {@code pg} add:
 * <ul>
 * <li>Global names: {@link #register}, {@link #whereis}, {@link #whereisOrSpawn} (one winner
 * cluster-wide; losing callers' bodies never run). A name is released when its holder exits, when
 * its node {@linkplain #close() leaves}, and when its node crashes (once the engine declares it
 * dead: within its failure-detection timeout).</li>
 * <li>Location transparency: once joined, the runtime's {@code send}, {@code call}, {@code kill},
 * {@code exit}, {@code signalExit}, {@code isAlive}, {@code link} and {@code monitor} work with pids
 * of other nodes ({@code <K.N.0>}); pids travel in messages; monitors and links to a node that
 * fails or leaves end with {@code ExitReason.NOCONNECTION}.</li>
 * <li>Groups: tags stay local operations; {@link #whereisTag}, {@link #killTag},
 * {@link #tagCounts} and {@link #census} ask every node and combine the answers.</li>
 * <li>After a network split heals, a name held on both sides keeps one holder: the earlier claim
 * (then the lower node id, then the lower process number) wins, and the other holder exits with
 * {@code ExitReason.crashed(new NameConflictException(...))}, logged at WARN and seen by its
 * links, monitors and the exit listener.</li>
 * </ul>
 * Everything is eventually consistent, as in Erlang: between a node's crash and its detection its
 * names still resolve to its (dead) processes.
 *
 * <pre>{@code
 * try (RusmCluster cluster = RusmCluster.join(runtime, hazelcast)) {
 *     Pid tracker = cluster.whereisOrSpawn("tracker", SpawnOptions.DEFAULT, body);
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class RusmCluster implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(RusmCluster.class);

	private final Runtime runtime;

	private final ClusterBackend backend;

	private final NodeRecord node;

	private final NodeDirectory directory;

	private final NodeNumbers numbers;

	private final RemoteWatches watches;

	private final RemoteMessaging messaging;

	private final ClusterRouter router;

	private final GlobalNames names;

	private final ClusterGroups groups;

	private final AtomicBoolean closed = new AtomicBoolean();

	private RusmCluster(Runtime runtime, ClusterBackend backend, @Nullable String nodeName) {
		this.runtime = runtime;
		this.backend = backend;
		String address = backend.address();
		this.node = new NodeRecord(UUID.randomUUID().toString(), (nodeName != null) ? nodeName : address, address);
		this.directory = new NodeDirectory(backend, this.node.id());
		this.numbers = new NodeNumbers(this.node.id());
		this.watches = new RemoteWatches(runtime, backend, this.node.id(), this.numbers);
		this.messaging = new RemoteMessaging(runtime, backend, this.node.id(), this.directory, this.watches);
		this.router = new ClusterRouter(this.numbers, this.directory, this.messaging, this.watches);
		this.names = new GlobalNames(runtime, backend, this.node.id(), this.directory, this.messaging, this.numbers);
		this.groups = new ClusterGroups(backend, this.numbers);
	}

	/**
	 * Joins {@code runtime} to the cluster of the Hazelcast member {@code hazelcast}, naming the node
	 * after the member's {@code host:port}.
	 * @param runtime the local runtime
	 * @param hazelcast a running member that finds its peers by TCP/IP member list only
	 * @return the node
	 * @throws IllegalStateException if the member would use multicast or phone home, or a node
	 * already runs on it
	 */
	public static RusmCluster join(Runtime runtime, HazelcastInstance hazelcast) {
		return join(runtime, hazelcast, null);
	}

	/**
	 * Joins {@code runtime} to the cluster of the Hazelcast member {@code hazelcast} as a node named
	 * {@code nodeName}.
	 * @param runtime the local runtime
	 * @param hazelcast a running member that finds its peers by TCP/IP member list only
	 * @param nodeName the node's name; {@code null} for the member's {@code host:port}
	 * @return the node
	 * @throws IllegalStateException if the member would use multicast or phone home, or a node
	 * already runs on it
	 */
	public static RusmCluster join(Runtime runtime, HazelcastInstance hazelcast, @Nullable String nodeName) {
		Objects.requireNonNull(hazelcast, "hazelcast");
		return join(runtime, new HazelcastBackend(hazelcast), nodeName);
	}

	/**
	 * Joins {@code runtime} to the cluster behind {@code backend}.
	 * @param runtime the local runtime
	 * @param backend the cluster engine
	 * @param nodeName the node's name; {@code null} for the member's address
	 * @return the node
	 */
	public static RusmCluster join(Runtime runtime, ClusterBackend backend, @Nullable String nodeName) {
		Objects.requireNonNull(runtime, "runtime");
		Objects.requireNonNull(backend, "backend");
		if (nodeName != null && nodeName.isBlank()) {
			throw new IllegalArgumentException("nodeName must not be blank");
		}
		RusmCluster cluster = new RusmCluster(runtime, backend, nodeName);
		cluster.start();
		return cluster;
	}

	private void start() {
		this.backend.start(this.node.id(), this.numbers, new LocalNode(this.runtime, this.messaging), new Events());
		this.backend.announce(this.node);
		this.directory.refresh();
		this.runtime.connect(this.router);
	}

	/**
	 * This node's name.
	 * @return the name given at join, or the member's {@code host:port}
	 */
	public String nodeName() {
		return this.node.name();
	}

	/**
	 * The runtime this node runs.
	 * @return the local runtime
	 */
	public Runtime runtime() {
		return this.runtime;
	}

	/**
	 * The nodes of the cluster, oldest member first, with their process counts.
	 * @return one entry per member that runs a node
	 */
	public List<NodeInfo> nodes() {
		Map<String, NodeRecord> published = this.backend.nodes();
		Map<String, Object> counts = this.groups.askAll(Operation.PROCESS_COUNT, null);
		List<NodeInfo> nodes = new ArrayList<>();
		for (ClusterMember member : this.backend.members()) {
			NodeRecord record = member.local() ? this.node : published.get(member.id());
			if (record != null) {
				Object count = counts.get(member.id());
				nodes.add(new NodeInfo(record.name(), record.address(), member.local(),
						(count instanceof Integer processes) ? processes : 0));
			}
		}
		return nodes;
	}

	/**
	 * How many nodes the cluster has, as this node's member sees it, without asking them.
	 * @return the number of nodes, this one included
	 */
	public int nodeCount() {
		return this.backend.members().size();
	}

	/**
	 * How many messages and call requests this node sent to processes of other nodes.
	 * @return a monotonic count
	 */
	public long messagesSent() {
		return this.messaging.messagesSent();
	}

	/**
	 * How many messages and call requests arrived from other nodes for this node's processes.
	 * @return a monotonic count
	 */
	public long messagesReceived() {
		return this.messaging.messagesReceived();
	}

	/**
	 * The name of the node a pid belongs to.
	 * @param pid a pid, local or remote
	 * @return this node's name for a local pid, the other node's name for a remote one (its
	 * internal id if it was never seen alive)
	 */
	public String nodeNameOf(Pid pid) {
		Objects.requireNonNull(pid, "pid");
		return pid.isLocal() ? nodeName() : this.directory.nameOf(this.numbers.nodeIdOf(pid));
	}

	// ------------------------------------------------------------------ global names

	/**
	 * Registers a local process under a global name.
	 * @param name a non-blank name
	 * @param pid a live process of this node
	 * @return {@code false} if the name is held anywhere in the cluster or the process is not alive
	 */
	public boolean register(String name, Pid pid) {
		return this.names.register(name, pid);
	}

	/**
	 * Releases a global name, whichever node holds it.
	 * @param name the name
	 * @return whether it was held
	 */
	public boolean unregister(String name) {
		return this.names.unregister(name);
	}

	/**
	 * Looks up a global name.
	 * @param name the name
	 * @return the holder, if the name is held by a live process on a live node
	 */
	public Optional<Pid> whereis(String name) {
		return this.names.whereis(name);
	}

	/**
	 * Every global name and its holder.
	 * @return a sorted snapshot
	 */
	public SortedMap<String, Pid> registered() {
		return this.names.registered();
	}

	/**
	 * Returns the holder of a global name, or spawns {@code body} on this node as its holder. Exactly
	 * one caller in the cluster wins, whatever the number of concurrent callers on any nodes: the
	 * name is claimed before the process is spawned, so a losing caller's body never runs; losers
	 * wait for the winner's process and return its pid.
	 * @param name the name
	 * @param options how to spawn the holder (its own local name, if any, is ignored)
	 * @param body what the holder runs
	 * @return the holder's pid
	 */
	public Pid whereisOrSpawn(String name, SpawnOptions options, ProcessBody body) {
		return this.names.whereisOrSpawn(name, options, body);
	}

	/**
	 * Sends a message to the holder of a global name, on whichever node it runs. A message to
	 * another node must be serializable by the engine (records of strings, numbers and lists are);
	 * the messages one node sends to one holder arrive in order.
	 * @param name the name
	 * @param message any object but {@code null}
	 * @return {@code false} if no live process holds the name; for a local holder, whether it
	 * landed in its mailbox; for a remote one, {@code true} once the message is on its way (a holder
	 * that died meanwhile drops it, as in Erlang)
	 * @throws IllegalArgumentException at once if the holder runs on another node and the message
	 * cannot be serialized
	 */
	public boolean send(String name, Object message) {
		return this.names.send(name, message);
	}

	/**
	 * Calls the holder of a global name, on whichever node it runs, and waits for its reply. A call
	 * to another node is made there as a local call, so it fails the same ways.
	 * @param <T> the type of the reply
	 * @param name the name
	 * @param request what to ask
	 * @param timeout how long to wait; positive
	 * @return the reply
	 * @throws io.rusm.core.NoProcessException if no live process holds the name
	 * @throws io.rusm.core.ProcessExitedException if the holder ended before it replied (with
	 * {@code noconnection} if its node left or failed during the call)
	 * @throws io.rusm.core.CallTimeoutException if no reply came in time
	 * @throws IllegalArgumentException at once if the holder runs on another node and the request
	 * cannot be serialized
	 */
	public <T> T call(String name, Object request, Duration timeout) {
		return this.names.call(name, request, timeout);
	}

	// ------------------------------------------------------------------ groups, by fan-out

	/**
	 * The members of a process group on every node.
	 * @param tag the tag; not blank
	 * @return their pids as this node sees them, in order
	 */
	public List<Pid> whereisTag(String tag) {
		return this.groups.whereisTag(tag);
	}

	/**
	 * Kills the members of a process group on every node.
	 * @param tag the tag; not blank
	 * @return how many were told to exit
	 */
	public int killTag(String tag) {
		return this.groups.killTag(tag);
	}

	/**
	 * Live members per process group, summed over the nodes.
	 * @return tag to count, sorted by tag
	 */
	public SortedMap<String, Integer> tagCounts() {
		return this.groups.summed(Operation.TAG_COUNTS);
	}

	/**
	 * Live processes per label, summed over the nodes.
	 * @return label to count, sorted by label
	 */
	public SortedMap<String, Integer> census() {
		return this.groups.summed(Operation.CENSUS);
	}

	// ------------------------------------------------------------------ leaving

	/**
	 * Leaves the cluster: this node's global names are released at once and it stops answering
	 * other nodes. The runtime and the Hazelcast member keep running (the member may be the
	 * application's own).
	 */
	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		this.runtime.disconnect(this.router);
		this.names.stopWatching();
		this.watches.stop();
		try {
			this.backend.stop();
			this.names.releaseAll();
			this.backend.forget(this.backend.memberId());
		}
		catch (RuntimeException ex) {
			logger.debug("Could not release the names of node {} on leaving (its member is down)", nodeName(), ex);
		}
	}

	@Override
	public String toString() {
		return "RusmCluster node " + nodeName() + " on " + this.backend;
	}

	/** Engine events, handed off to a virtual thread so the engine's event threads never block. */
	private final class Events implements ClusterEvents {

		@Override
		public void memberLeft(String memberId) {
			Thread.ofVirtual().name("rusm-cluster-member-left").start(() -> cleanUpAfter(memberId));
		}

		@Override
		public void nodeLeft(String nodeId) {
			if (!nodeId.equals(RusmCluster.this.node.id())) {
				Thread.ofVirtual().name("rusm-cluster-node-left").start(() -> {
					RusmCluster.this.directory.refresh();
					forgetNode(nodeId);
				});
			}
		}

		@Override
		public void merged() {
			Thread.ofVirtual().name("rusm-cluster-merged").start(() -> {
				RusmCluster.this.backend.announce(RusmCluster.this.node);
				RusmCluster.this.directory.refresh();
				RusmCluster.this.names.claimAgain();
			});
		}

		@Override
		public void nameMerged(String name) {
			Thread.ofVirtual().name("rusm-cluster-name-merged").start(() -> RusmCluster.this.names.nameMerged(name));
		}
	}

	/**
	 * Calls, monitors and links to a node that left end with {@code noconnection} (the directory
	 * already knows it is gone, so nothing new is sent there).
	 */
	private void forgetNode(String nodeId) {
		this.messaging.nodeLeft(nodeId, this.directory.nameOf(nodeId));
		this.watches.nodeLeft(nodeId);
	}

	/**
	 * Calls waiting on a member that left fail; the oldest surviving member releases its names.
	 * Every node first announces itself again, and last claims its own global names again: a
	 * member that crashed may have taken other nodes' records with it (the only copy of a
	 * partition whose backup was still being copied after the last join), and a node whose
	 * record is gone counts as gone to every other node, as a name whose record is gone counts as
	 * free.
	 */
	private void cleanUpAfter(String memberId) {
		try {
			this.backend.announce(this.node);
			this.directory.refresh();
			String gone = this.directory.nodeOfMember(memberId);
			if (gone != null) {
				forgetNode(gone);
			}
			List<ClusterMember> members = this.backend.members();
			if (!members.isEmpty() && members.get(0).local()) {
				releaseNamesOf(memberId);
			}
			this.names.claimAgain();
		}
		catch (RuntimeException ex) {
			if (this.backend.running()) {
				logger.warn("Could not clean up after a member that left", ex);
			}
		}
	}

	private void releaseNamesOf(String memberId) {
		NodeRecord left = this.backend.forget(memberId);
		if (left != null) {
			this.backend.releaseAll(left.id());
			logger.info("Node {} left the cluster; its global names are released", left.name());
		}
	}
}
