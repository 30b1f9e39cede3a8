package io.rusm.cluster.hazelcast;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import org.jspecify.annotations.Nullable;

import io.rusm.core.Pid;

import io.rusm.cluster.backend.PidTranslation;

/**
 * Writes a {@link Pid} with its node's id and reads it back with the receiving node's number for
 * that node, so pids keep meaning the same process wherever a message carries them, also as fields
 * of records serialized with Hazelcast's zero-configuration compact format. One instance per member
 * configuration, bound to its node when the node joins.
 */
final class PidSerializer implements CompactSerializer<Pid> {

	/** Where the member's serializer sits in its user context, so its node can bind it. */
	static final String USER_CONTEXT_KEY = "io.rusm.cluster.pid-serializer";

	private volatile @Nullable PidTranslation translation;

	void bind(@Nullable PidTranslation translation) {
		this.translation = translation;
	}

	@Override
	public void write(CompactWriter writer, Pid pid) {
		PidTranslation bound = this.translation;
		writer.writeString("node", (bound != null) ? bound.nodeIdOf(pid) : null);
		writer.writeInt32("number", pid.node());
		writer.writeInt64("id", pid.id());
	}

	@Override
	public Pid read(CompactReader reader) {
		String nodeId = reader.readString("node");
		int number = reader.readInt32("number");
		long id = reader.readInt64("id");
		PidTranslation bound = this.translation;
		return (bound != null && nodeId != null) ? bound.pidOf(nodeId, id) : Pid.of(number, id);
	}

	@Override
	public String getTypeName() {
		return "rusm.Pid";
	}

	@Override
	public Class<Pid> getCompactClass() {
		return Pid.class;
	}
}
