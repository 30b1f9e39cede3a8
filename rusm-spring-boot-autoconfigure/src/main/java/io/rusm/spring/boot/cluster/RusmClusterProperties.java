package io.rusm.spring.boot.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of cluster mode, bound from the {@code rusm.cluster.*} keys. Off by
 * default: a single instance needs no cluster member. Members find each other through the TCP/IP
 * member list only, never by multicast.
 *
 * @author rusm contributors
 * @since 0.1.0
 */
@ConfigurationProperties("rusm.cluster")
public class RusmClusterProperties {

	/**
	 * Whether to join this application's runtime to a cluster of rusm nodes, on an embedded
	 * Hazelcast member (or the application's own HazelcastInstance bean).
	 */
	private boolean enabled;

	/**
	 * Name of the cluster; members of differently named clusters never join.
	 */
	private String name = "rusm";

	/**
	 * Name of this node, shown by the cluster endpoint; the member's host:port when not set.
	 */
	private @Nullable String nodeName;

	/**
	 * First port the embedded member tries; the next free one is taken if it is in use.
	 */
	private int port = 5701;

	/**
	 * Peers the embedded member contacts, each host or host:port (TCP/IP member list; multicast
	 * is never used).
	 */
	private List<String> members = new ArrayList<>(List.of("127.0.0.1"));

	/**
	 * How long a member may stay silent before it is declared dead and its cluster singletons
	 * move to another node.
	 */
	private Duration failureDetectionTimeout = Duration.ofSeconds(10);

	/**
	 * Returns whether cluster mode is on.
	 * @return whether cluster mode is enabled
	 */
	public boolean isEnabled() {
		return this.enabled;
	}

	/**
	 * Sets whether cluster mode is on.
	 * @param enabled whether cluster mode is enabled
	 */
	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	/**
	 * Returns the cluster name.
	 * @return the cluster name
	 */
	public String getName() {
		return this.name;
	}

	/**
	 * Sets the cluster name.
	 * @param name the cluster name; not blank
	 */
	public void setName(String name) {
		requireText(name, "rusm.cluster.name");
		this.name = name;
	}

	/**
	 * Returns the node's name.
	 * @return the node's name, or {@code null} for the member's {@code host:port}
	 */
	public @Nullable String getNodeName() {
		return this.nodeName;
	}

	/**
	 * Sets the node's name.
	 * @param nodeName the node's name, or {@code null} for the member's {@code host:port}
	 */
	public void setNodeName(@Nullable String nodeName) {
		if (nodeName != null) {
			requireText(nodeName, "rusm.cluster.node-name");
		}
		this.nodeName = nodeName;
	}

	/**
	 * Returns the first port the embedded member tries.
	 * @return the port
	 */
	public int getPort() {
		return this.port;
	}

	/**
	 * Sets the first port the embedded member tries.
	 * @param port between 1 and 65535
	 */
	public void setPort(int port) {
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("rusm.cluster.port must be between 1 and 65535, got " + port);
		}
		this.port = port;
	}

	/**
	 * Returns the peers the embedded member contacts.
	 * @return each {@code host} or {@code host:port}
	 */
	public List<String> getMembers() {
		return this.members;
	}

	/**
	 * Sets the peers the embedded member contacts.
	 * @param members each {@code host} or {@code host:port}; at least one, none blank
	 */
	public void setMembers(List<String> members) {
		Objects.requireNonNull(members, "rusm.cluster.members");
		if (members.isEmpty() || members.stream().anyMatch((member) -> member == null || member.isBlank())) {
			throw new IllegalArgumentException(
					"rusm.cluster.members must list at least one host and no blank entry, got " + members);
		}
		this.members = new ArrayList<>(members);
	}

	/**
	 * Returns how long a silent member stays before it is declared dead.
	 * @return the failure-detection timeout
	 */
	public Duration getFailureDetectionTimeout() {
		return this.failureDetectionTimeout;
	}

	/**
	 * Sets how long a silent member stays before it is declared dead.
	 * @param failureDetectionTimeout at least one second
	 */
	public void setFailureDetectionTimeout(Duration failureDetectionTimeout) {
		Objects.requireNonNull(failureDetectionTimeout, "rusm.cluster.failure-detection-timeout");
		if (failureDetectionTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException("rusm.cluster.failure-detection-timeout must be at least 1s, got "
					+ failureDetectionTimeout);
		}
		this.failureDetectionTimeout = failureDetectionTimeout;
	}

	private static void requireText(String value, String key) {
		Objects.requireNonNull(value, key);
		if (value.isBlank()) {
			throw new IllegalArgumentException(key + " must not be blank");
		}
	}

}
