package io.rusm.cluster.hazelcast;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MergePolicyConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import com.hazelcast.internal.serialization.InternalSerializationService;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryMergedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.nio.serialization.HazelcastSerializationException;
import com.hazelcast.query.Predicates;
import com.hazelcast.spi.impl.SerializationServiceSupport;
import com.hazelcast.topic.ITopic;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.rusm.cluster.backend.ClusterBackend;
import io.rusm.cluster.backend.ClusterEvents;
import io.rusm.cluster.backend.ClusterMember;
import io.rusm.cluster.backend.Envelope;
import io.rusm.cluster.backend.Envelope.Kind;
import io.rusm.cluster.backend.NameRecord;
import io.rusm.cluster.backend.NodeHandler;
import io.rusm.cluster.backend.NodeRecord;
import io.rusm.cluster.backend.NodeRequest;
import io.rusm.cluster.backend.PidTranslation;

/**
 * The cluster engine on one Hazelcast member: names in an {@code IMap} (claims with
 * {@code putIfAbsent} on the key's owner, merged after a split by {@link NameMergePolicy}), nodes
 * in a second map, fan-out through an {@code IExecutorService}, events from Hazelcast's membership,
 * lifecycle and entry listeners, envelopes through one topic per node. Envelopes to a node are
 * encoded by their senders and shipped in batches by that node's {@link Outbox}, one topic message
 * per batch, in the order they were sent. Only the eventually consistent structures of the
 * Community edition are used.
 *
 * @since 0.1.0
 */
public final class HazelcastBackend implements ClusterBackend {

	/** The map of global names. */
	public static final String NAMES = "rusm.names";

	/** The map of nodes by member id. */
	public static final String NODES = "rusm.nodes";

	/** The executor that carries node requests. */
	public static final String EXECUTOR = "rusm";

	/** The topic prefix of each node's inbox. */
	public static final String INBOX = "rusm.inbox.";

	/**
	 * Encoded envelopes queued for one node beyond which their senders wait for the drainer
	 * (Hazelcast's own outbound queue, behind it, is unbounded).
	 */
	static final long OUTBOX_CAPACITY_BYTES = 16L << 20;

	/** Encoded envelopes after which a batch is shipped and the next one begins. */
	static final int MAX_BATCH_BYTES = 64 << 10;

	/** How long leaving waits for the envelopes already queued to be shipped. */
	private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(5);

	/** Where a member's node handler sits in the member's user context. */
	static final String HANDLER_KEY = "io.rusm.cluster.node";

	private static final Logger logger = LoggerFactory.getLogger(HazelcastBackend.class);

	private final HazelcastInstance hazelcast;

	private final IMap<String, NameRecord> names;

	private final IMap<String, NodeRecord> nodes;

	private final InternalSerializationService serialization;

	private @Nullable NodeHandler handler;

	private @Nullable UUID membershipListener;

	private @Nullable UUID lifecycleListener;

	private @Nullable UUID mergeListener;

	private @Nullable UUID nodesListener;

	private @Nullable ITopic<EnvelopeBatch> inbox;

	/** The outboxes of the nodes envelopes went to, by node id; one is dropped when its node leaves. */
	private final Map<String, Outbox> outboxes = new ConcurrentHashMap<>();

	/** Set when this node leaves: envelopes are no longer queued. */
	private volatile boolean leaving;

	private @Nullable UUID inboxListener;

	/**
	 * Uses {@code hazelcast}, after checking that it obeys rusm's network rules.
	 * @param hazelcast a running member
	 * @throws IllegalStateException if the member would use multicast or phone home
	 * @throws IllegalArgumentException if it is not an embedded member
	 */
	public HazelcastBackend(HazelcastInstance hazelcast) {
		this.hazelcast = Objects.requireNonNull(hazelcast, "hazelcast");
		if (!(hazelcast instanceof SerializationServiceSupport support)
				|| !(support.getSerializationService() instanceof InternalSerializationService service)) {
			throw new IllegalArgumentException("rusm nodes run on embedded Hazelcast members, not on " + hazelcast);
		}
		this.serialization = service;
		HazelcastMembers.requireLockedDown(hazelcast.getConfig());
		hazelcast.getConfig()
			.addMapConfig(new MapConfig(NAMES)
				.setMergePolicyConfig(new MergePolicyConfig(NameMergePolicy.class.getName(), 100)));
		this.names = hazelcast.getMap(NAMES);
		this.nodes = hazelcast.getMap(NODES);
	}

	@Override
	public String memberId() {
		return this.hazelcast.getCluster().getLocalMember().getUuid().toString();
	}

	@Override
	public String address() {
		return address(this.hazelcast.getCluster().getLocalMember());
	}

	private static String address(Member member) {
		return member.getAddress().getHost() + ":" + member.getAddress().getPort();
	}

	@Override
	public boolean running() {
		return this.hazelcast.getLifecycleService().isRunning();
	}

	@Override
	public List<ClusterMember> members() {
		return this.hazelcast.getCluster()
			.getMembers()
			.stream()
			.map((member) -> new ClusterMember(member.getUuid().toString(), address(member), member.localMember()))
			.toList();
	}

	@Override
	public void announce(NodeRecord node) {
		this.nodes.set(memberId(), node);
	}

	@Override
	public Map<String, NodeRecord> nodes() {
		return new HashMap<>(this.nodes);
	}

	@Override
	public @Nullable NodeRecord forget(String memberId) {
		return this.nodes.remove(memberId);
	}

	@Override
	public @Nullable NameRecord name(String name) {
		return this.names.get(name);
	}

	@Override
	public @Nullable NameRecord claim(String name, NameRecord claim) {
		return this.names.putIfAbsent(name, claim);
	}

	@Override
	public boolean replace(String name, NameRecord expected, NameRecord update) {
		return this.names.replace(name, expected, update);
	}

	@Override
	public boolean release(String name, NameRecord expected) {
		return this.names.remove(name, expected);
	}

	@Override
	public @Nullable NameRecord release(String name) {
		return this.names.remove(name);
	}

	@Override
	public void releaseAll(String nodeId) {
		this.names.removeAll(Predicates.equal("node", nodeId));
	}

	@Override
	public Map<String, NameRecord> names() {
		return new HashMap<>(this.names);
	}

	@Override
	public Map<String, Object> askAll(NodeRequest request, Duration timeout) {
		Map<Member, Future<@Nullable Object>> futures = this.hazelcast.getExecutorService(EXECUTOR)
			.submitToAllMembers(new NodeTask(request));
		long deadline = System.nanoTime() + timeout.toNanos();
		Map<String, Object> answers = new HashMap<>();
		futures.forEach((member, future) -> {
			try {
				Object answer = future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
				if (answer != null) {
					answers.put(member.getUuid().toString(), answer);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while asking the cluster's nodes", ex);
			}
			catch (ExecutionException | TimeoutException ex) {
				logger.warn("Node at {} did not answer {}: {}", address(member), request, ex.toString());
			}
		});
		return answers;
	}

	/**
	 * Encodes the envelope in the calling thread and queues it in the node's outbox, which ships it
	 * with whatever else is queued for that node. A plain message is left to the outbox's drainer;
	 * anything else (a call, a reply, a watch) is shipped on the calling thread when the outbox is
	 * idle, since its sender waits for an answer or has nothing left to do. Nothing is queued once
	 * this node leaves.
	 */
	@Override
	public void deliver(String nodeId, Envelope envelope) {
		byte[] encoded;
		try {
			encoded = EnvelopeCodec.encode(this.serialization, envelope);
		}
		catch (HazelcastSerializationException ex) {
			Object payload = envelope.payload();
			String type = (payload != null) ? payload.getClass().getName() : "null";
			throw new IllegalArgumentException("a message of type " + type
					+ " cannot be sent to another node, because Hazelcast cannot serialize it: " + ex.getMessage(), ex);
		}
		Outbox outbox = this.outboxes.get(nodeId);
		if (outbox == null) {
			if (this.leaving) {
				return;
			}
			outbox = this.outboxes.computeIfAbsent(nodeId, this::openOutbox);
			if (this.leaving && this.outboxes.remove(nodeId, outbox)) {
				// opened while this node was leaving, after its outboxes were closed
				outbox.discard();
				return;
			}
		}
		outbox.offer(encoded, envelope.kind() != Kind.SEND);
	}

	private Outbox openOutbox(String nodeId) {
		ITopic<EnvelopeBatch> topic = this.hazelcast.getTopic(INBOX + nodeId);
		return new Outbox(nodeId, (batch) -> topic.publish(new EnvelopeBatch(batch)), OUTBOX_CAPACITY_BYTES,
				MAX_BATCH_BYTES);
	}

	@Override
	public synchronized void start(String nodeId, PidTranslation pids, NodeHandler handler, ClusterEvents events) {
		Objects.requireNonNull(nodeId, "nodeId");
		Objects.requireNonNull(handler, "handler");
		Objects.requireNonNull(pids, "pids");
		Objects.requireNonNull(events, "events");
		if (this.hazelcast.getUserContext().putIfAbsent(HANDLER_KEY, handler) != null) {
			throw new IllegalStateException("a rusm node already runs on the Hazelcast member "
					+ this.hazelcast.getName() + "; join each member once");
		}
		this.handler = handler;
		bindPidSerializer(pids);
		this.membershipListener = this.hazelcast.getCluster().addMembershipListener(new MembershipListener() {
			@Override
			public void memberAdded(MembershipEvent event) {
			}

			@Override
			public void memberRemoved(MembershipEvent event) {
				events.memberLeft(event.getMember().getUuid().toString());
			}
		});
		this.lifecycleListener = this.hazelcast.getLifecycleService().addLifecycleListener((event) -> {
			if (event.getState() == LifecycleState.MERGED) {
				events.merged();
			}
		});
		this.mergeListener = this.names.addEntryListener(
				(EntryMergedListener<String, NameRecord>) (event) -> events.nameMerged(event.getKey()), false);
		this.nodesListener = this.nodes.addEntryListener((EntryRemovedListener<String, NodeRecord>) (event) -> {
			NodeRecord gone = event.getOldValue();
			if (gone != null) {
				Outbox outbox = this.outboxes.remove(gone.id());
				if (outbox != null) {
					outbox.discard();
				}
				events.nodeLeft(gone.id());
			}
		}, true);
		this.leaving = false;
		ITopic<EnvelopeBatch> topic = this.hazelcast.getTopic(INBOX + nodeId);
		this.inbox = topic;
		this.inboxListener = topic
			.addMessageListener((message) -> message.getMessageObject().forEach(this.serialization, handler::receive));
	}

	private void bindPidSerializer(@Nullable PidTranslation pids) {
		if (this.hazelcast.getUserContext().get(PidSerializer.USER_CONTEXT_KEY) instanceof PidSerializer serializer) {
			serializer.bind(pids);
		}
		else if (pids != null) {
			logger.warn("The Hazelcast member {} has no pid serializer: pids in messages to other nodes keep this "
					+ "node's numbering; build its config with HazelcastMembers.config or withPidSerializer",
					this.hazelcast.getName());
		}
	}

	@Override
	public synchronized void stop() {
		NodeHandler started = this.handler;
		if (started == null) {
			return;
		}
		this.handler = null;
		closeOutboxes();
		bindPidSerializer(null);
		if (!this.hazelcast.getLifecycleService().isRunning()) {
			return;
		}
		this.hazelcast.getUserContext().remove(HANDLER_KEY, started);
		if (this.membershipListener != null) {
			this.hazelcast.getCluster().removeMembershipListener(this.membershipListener);
		}
		if (this.lifecycleListener != null) {
			this.hazelcast.getLifecycleService().removeLifecycleListener(this.lifecycleListener);
		}
		if (this.mergeListener != null) {
			this.names.removeEntryListener(this.mergeListener);
		}
		if (this.nodesListener != null) {
			this.nodes.removeEntryListener(this.nodesListener);
		}
		if (this.inbox != null && this.inboxListener != null) {
			this.inbox.removeMessageListener(this.inboxListener);
		}
	}

	/**
	 * Ships what is queued for other nodes (if the member still runs), within a bound, and stops
	 * queueing.
	 */
	private void closeOutboxes() {
		this.leaving = true;
		boolean running = running();
		long deadline = System.nanoTime() + FLUSH_TIMEOUT.toNanos();
		for (String node : List.copyOf(this.outboxes.keySet())) {
			Outbox outbox = this.outboxes.remove(node);
			if (outbox == null) {
				continue;
			}
			if (!running) {
				outbox.discard();
			}
			else if (!outbox.finish(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
				outbox.discard();
				logger.warn("Messages still queued for node {} were dropped on leaving", node);
			}
		}
	}

	@Override
	public String toString() {
		return "Hazelcast member " + this.hazelcast.getName();
	}
}
