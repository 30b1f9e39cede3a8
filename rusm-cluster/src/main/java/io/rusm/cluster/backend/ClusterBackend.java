package io.rusm.cluster.backend;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The engine beneath a {@link io.rusm.cluster.RusmCluster}: membership, two shared maps (nodes by
 * member id, and global names) with the atomic operations Erlang's {@code global} needs, and
 * requests answered by other nodes. Everything is eventually consistent; nothing here needs a
 * consensus subsystem.
 *
 * @since 0.1.0
 */
public interface ClusterBackend {

	/**
	 * The local member's current engine id (it may change when the member rejoins after a split).
	 * @return the member id
	 */
	String memberId();

	/**
	 * The local member's address.
	 * @return {@code host:port}
	 */
	String address();

	/**
	 * Whether the local member is running (a crashed or stopped member answers nothing).
	 * @return whether the engine runs
	 */
	boolean running();

	/**
	 * The current members, oldest first.
	 * @return the membership view
	 */
	List<ClusterMember> members();

	/**
	 * Publishes this node under the local member's current id.
	 * @param node the node
	 */
	void announce(NodeRecord node);

	/**
	 * The published nodes by member id (stale entries of departed members may linger briefly).
	 * @return a snapshot
	 */
	Map<String, NodeRecord> nodes();

	/**
	 * Forgets the node published under {@code memberId}.
	 * @param memberId the member id
	 * @return the node that was published, if any
	 */
	@Nullable NodeRecord forget(String memberId);

	/**
	 * Reads a name.
	 * @param name the global name
	 * @return its record, or {@code null} if it is free
	 */
	@Nullable NameRecord name(String name);

	/**
	 * Claims a free name atomically.
	 * @param name the global name
	 * @param claim the record to store if the name is free
	 * @return {@code null} if the claim won, else the incumbent record
	 */
	@Nullable NameRecord claim(String name, NameRecord claim);

	/**
	 * Replaces a name's record if it is still {@code expected}.
	 * @param name the global name
	 * @param expected the record believed to be stored
	 * @param update the new record
	 * @return whether it was replaced
	 */
	boolean replace(String name, NameRecord expected, NameRecord update);

	/**
	 * Releases a name if it is still held by {@code expected}.
	 * @param name the global name
	 * @param expected the record believed to be stored
	 * @return whether it was released
	 */
	boolean release(String name, NameRecord expected);

	/**
	 * Releases a name whoever holds it.
	 * @param name the global name
	 * @return the record that was stored, if any
	 */
	@Nullable NameRecord release(String name);

	/**
	 * Releases every name held on a node.
	 * @param nodeId the node's id
	 */
	void releaseAll(String nodeId);

	/**
	 * Every name.
	 * @return a snapshot
	 */
	Map<String, NameRecord> names();

	/**
	 * Asks every member that runs a node, and waits for all answers.
	 * @param request the request
	 * @param timeout how long to wait for every answer
	 * @return the answers by member id; members without a node give none
	 */
	Map<String, Object> askAll(NodeRequest request, Duration timeout);

	/**
	 * Sends an envelope to a node; the envelopes one sender sends to one node arrive in order.
	 * @param nodeId the receiving node
	 * @param envelope the envelope
	 * @throws IllegalArgumentException at once if the payload cannot be carried to another node
	 */
	void deliver(String nodeId, Envelope envelope);

	/**
	 * Starts answering requests, receiving envelopes and reporting events for this node.
	 * @param nodeId the node's id, the address of its envelopes
	 * @param pids how pids in messages are written and read
	 * @param handler answers requests and receives envelopes from other nodes
	 * @param events receives cluster events
	 * @throws IllegalStateException if a node already runs on this member
	 */
	void start(String nodeId, PidTranslation pids, NodeHandler handler, ClusterEvents events);

	/**
	 * Stops answering and reporting; the engine itself keeps running (it may be the application's).
	 */
	void stop();
}
