package io.rusm.cluster;

import java.util.ArrayList;
import java.util.Objects;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import io.rusm.core.Pid;
import io.rusm.core.Runtime;

import io.rusm.cluster.backend.Envelope;
import io.rusm.cluster.backend.NodeHandler;
import io.rusm.cluster.backend.NodeRequest;

/**
 * This node's answers to the fan-out requests of other nodes, read from its own runtime (tags and
 * census stay local operations, and the cluster-wide view is their sum), and its inbox.
 */
final class LocalNode implements NodeHandler {

	private final Runtime runtime;

	private final RemoteMessaging messaging;

	LocalNode(Runtime runtime, RemoteMessaging messaging) {
		this.runtime = runtime;
		this.messaging = messaging;
	}

	@Override
	public void receive(Envelope envelope) {
		this.messaging.receive(envelope);
	}

	@Override
	public @Nullable Object answer(NodeRequest request) {
		return switch (request.operation()) {
			case TAG_MEMBERS -> new ArrayList<>(this.runtime.whereisTag(tag(request)).stream().map(Pid::id).toList());
			case KILL_TAG -> this.runtime.killTag(tag(request));
			case TAG_COUNTS -> new TreeMap<>(this.runtime.tagCounts());
			case CENSUS -> new TreeMap<>(this.runtime.census());
			case PROCESS_COUNT -> this.runtime.processCount();
		};
	}

	private static String tag(NodeRequest request) {
		return Objects.requireNonNull(request.tag(), "a tag request without a tag");
	}
}
