package io.rusm.spring.boot.actuate.metrics;

/**
 * The names of the meters {@link RusmMeterBinder} registers, and of their tags.
 *
 * @author rusm contributors
 * @since 0.1.0
 */
public final class RusmMetricNames {

	/** Gauge of the processes currently alive. */
	public static final String PROCESSES_LIVE = "rusm.processes.live";

	/** Counter of the processes spawned since the runtime started. */
	public static final String PROCESSES_SPAWNED = "rusm.processes.spawned";

	/** Counter of the processes that exited, tagged by {@link #REASON}. */
	public static final String PROCESSES_EXITED = "rusm.processes.exited";

	/** Counter of the user messages shed by full mailboxes. */
	public static final String MESSAGES_DROPPED = "rusm.messages.dropped";

	/** Gauge of the timers waiting to fire. */
	public static final String TIMERS_PENDING = "rusm.timers.pending";

	/** Gauge of the names in the registry. */
	public static final String REGISTRY_NAMES = "rusm.registry.names";

	/** Gauge of the live processes per label, tagged by {@link #LABEL}. */
	public static final String CENSUS = "rusm.census";

	/** Gauge of the nodes of the cluster (cluster mode only). */
	public static final String CLUSTER_NODES = "rusm.cluster.nodes";

	/** Counter of the messages and call requests sent to processes of other nodes. */
	public static final String CLUSTER_MESSAGES_SENT = "rusm.cluster.messages.sent";

	/** Counter of the messages and call requests received from other nodes. */
	public static final String CLUSTER_MESSAGES_RECEIVED = "rusm.cluster.messages.received";

	/**
	 * Tag of {@link #PROCESSES_EXITED}: {@code normal}, {@code killed}, {@code shutdown},
	 * {@code noproc} or {@code crashed}.
	 */
	public static final String REASON = "reason";

	/** Tag of {@link #CENSUS}: the process label. */
	public static final String LABEL = "label";

	private RusmMetricNames() {
	}

}
