package io.rusm.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a cluster member started by rusm finds its peers: a cluster name, a port (the next free one
 * if taken), the TCP/IP member list, the address to bind, and how long a silent member may stay
 * before it is declared dead. Multicast is never used.
 *
 * @param name the cluster name; members of differently named clusters never join
 * @param port the first port to try
 * @param members the peers to contact, each {@code host} or {@code host:port}
 * @param bindAddress the local address to bind and advertise
 * @param failureDetectionTimeout how long without a heartbeat before a member is declared dead
 * @since 0.1.0
 */
public record ClusterSettings(String name, int port, List<String> members, String bindAddress,
		Duration failureDetectionTimeout) {

	/** The default cluster name. */
	public static final String DEFAULT_NAME = "rusm";

	/** The default first port. */
	public static final int DEFAULT_PORT = 5701;

	/** The default failure-detection timeout. */
	public static final Duration DEFAULT_FAILURE_DETECTION_TIMEOUT = Duration.ofSeconds(10);

	/** The default address to bind and the default member list: loopback only. */
	public static final String LOOPBACK = "127.0.0.1";

	/**
	 * Creates settings, checking each value.
	 * @param name the cluster name; not blank
	 * @param port the first port; 1 to 65535
	 * @param members the peers; not empty, no blank entry
	 * @param bindAddress the address to bind; not blank
	 * @param failureDetectionTimeout at least one second
	 */
	public ClusterSettings {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(members, "members");
		Objects.requireNonNull(bindAddress, "bindAddress");
		Objects.requireNonNull(failureDetectionTimeout, "failureDetectionTimeout");
		if (name.isBlank()) {
			throw new IllegalArgumentException("cluster name must not be blank");
		}
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("port must be between 1 and 65535, got " + port);
		}
		members = List.copyOf(members);
		if (members.isEmpty() || members.stream().anyMatch(String::isBlank)) {
			throw new IllegalArgumentException("members must list at least one host and no blank entry, got " + members);
		}
		if (bindAddress.isBlank()) {
			throw new IllegalArgumentException("bindAddress must not be blank");
		}
		if (failureDetectionTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException(
					"failureDetectionTimeout must be at least one second, got " + failureDetectionTimeout);
		}
	}

	/**
	 * The defaults: cluster {@code rusm}, port 5701, member list and bind address
	 * {@code 127.0.0.1}, failure detection within 10 seconds.
	 * @return the default settings
	 */
	public static ClusterSettings defaults() {
		return new ClusterSettings(DEFAULT_NAME, DEFAULT_PORT, List.of(LOOPBACK), LOOPBACK,
				DEFAULT_FAILURE_DETECTION_TIMEOUT);
	}

	/**
	 * These settings with another port.
	 * @param port the first port to try
	 * @return new settings
	 */
	public ClusterSettings withPort(int port) {
		return new ClusterSettings(this.name, port, this.members, this.bindAddress, this.failureDetectionTimeout);
	}

	/**
	 * These settings with another member list.
	 * @param members the peers
	 * @return new settings
	 */
	public ClusterSettings withMembers(List<String> members) {
		return new ClusterSettings(this.name, this.port, members, this.bindAddress, this.failureDetectionTimeout);
	}

	/**
	 * These settings with another cluster name.
	 * @param name the cluster name
	 * @return new settings
	 */
	public ClusterSettings withName(String name) {
		return new ClusterSettings(name, this.port, this.members, this.bindAddress, this.failureDetectionTimeout);
	}

	/**
	 * These settings with another failure-detection timeout.
	 * @param timeout the timeout
	 * @return new settings
	 */
	public ClusterSettings withFailureDetectionTimeout(Duration timeout) {
		return new ClusterSettings(this.name, this.port, this.members, this.bindAddress, timeout);
	}
}
