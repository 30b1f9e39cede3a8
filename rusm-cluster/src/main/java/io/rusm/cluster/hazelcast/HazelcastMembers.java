package io.rusm.cluster.hazelcast;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;

import io.rusm.cluster.ClusterSettings;

/**
 * Member configurations that obey rusm's network rules: peers are found through a TCP/IP member
 * list only (multicast and every auto-detection off), Hazelcast's phone-home is off, and the
 * member binds the configured address only. The Spring layer builds its embedded member with
 * {@link #config(ClusterSettings)}, and {@link #requireLockedDown(Config)} refuses any member
 * (also an application's own) that would use multicast.
 *
 * @since 0.1.0
 */
public final class HazelcastMembers {

	/** Hazelcast's switch for reporting usage to its vendor. */
	static final String PHONE_HOME = "hazelcast.phone.home.enabled";

	private HazelcastMembers() {
	}

	/**
	 * A locked-down member configuration from {@code settings}.
	 * @param settings cluster name, port, member list, bind address, failure-detection timeout
	 * @return a new configuration, which callers may refine before starting the member
	 */
	public static Config config(ClusterSettings settings) {
		Objects.requireNonNull(settings, "settings");
		Config config = new Config();
		config.setClusterName(settings.name());
		config.setProperty(PHONE_HOME, "false");
		config.setProperty("hazelcast.logging.type", "slf4j");
		config.setProperty("hazelcast.local.localAddress", settings.bindAddress());
		config.setProperty("hazelcast.socket.bind.any", "false");
		long timeoutSeconds = Math.max(1, settings.failureDetectionTimeout().toSeconds());
		config.setProperty("hazelcast.max.no.heartbeat.seconds", Long.toString(timeoutSeconds));
		config.setProperty("hazelcast.heartbeat.interval.seconds", Long.toString(Math.max(1, timeoutSeconds / 5)));
		NetworkConfig network = config.getNetworkConfig();
		network.setPort(settings.port()).setPortAutoIncrement(true);
		network.getInterfaces().setEnabled(true).setInterfaces(List.of(settings.bindAddress()));
		JoinConfig join = network.getJoin();
		join.getMulticastConfig().setEnabled(false);
		join.getAutoDetectionConfig().setEnabled(false);
		join.getTcpIpConfig().setEnabled(true).setMembers(new ArrayList<>(settings.members()));
		return withPidSerializer(config);
	}

	/**
	 * Adds to a member configuration the serializer that translates pids between nodes, so a pid in
	 * a message sent from node X arrives on node Y as X's pid. {@link #config(ClusterSettings)}
	 * includes it; an application that builds its own configuration adds it here before the member
	 * starts (without it, pids in messages keep the sender's numbering).
	 * @param config a member configuration
	 * @return the same configuration
	 */
	public static Config withPidSerializer(Config config) {
		Objects.requireNonNull(config, "config");
		if (!(config.getUserContext().get(PidSerializer.USER_CONTEXT_KEY) instanceof PidSerializer)) {
			PidSerializer serializer = new PidSerializer();
			config.getSerializationConfig().getCompactSerializationConfig().addSerializer(serializer);
			config.getUserContext().put(PidSerializer.USER_CONTEXT_KEY, serializer);
		}
		return config;
	}

	/**
	 * Refuses a member configuration that breaks rusm's network rules.
	 * @param config the configuration of a member about to be joined
	 * @throws IllegalStateException naming what is switched on: multicast, auto-detection, or
	 * phone-home
	 */
	public static void requireLockedDown(Config config) {
		Objects.requireNonNull(config, "config");
		JoinConfig join = config.getNetworkConfig().getJoin();
		if (join.getMulticastConfig().isEnabled()) {
			throw new IllegalStateException("the Hazelcast member has multicast discovery enabled; rusm members "
					+ "find each other by TCP/IP member lists only: set join.multicast.enabled=false");
		}
		if (join.isAutoDetectionEnabled()) {
			throw new IllegalStateException("the Hazelcast member has auto-detection enabled, which may fall back "
					+ "to multicast; disable join.auto-detection and list members through join.tcp-ip");
		}
		if (!"false".equalsIgnoreCase(config.getProperty(PHONE_HOME))
				&& !"false".equalsIgnoreCase(System.getProperty(PHONE_HOME))) {
			throw new IllegalStateException("the Hazelcast member would phone home; set the property "
					+ PHONE_HOME + "=false");
		}
	}
}
