package io.rusm.cluster.hazelcast;

import java.io.IOException;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import org.jspecify.annotations.Nullable;

import io.rusm.cluster.backend.Envelope;

/**
 * An {@link Envelope} on the wire: its payload is written with Hazelcast's own serialization, so
 * records of strings, numbers and lists travel with zero configuration, and anything Hazelcast
 * cannot serialize fails when the envelope is published, in the sender's thread. It is identified by
 * two integers ({@link EnvelopeSerializerHook}), not by its class name, which would otherwise travel
 * and be parsed with every message.
 */
final class EnvelopeMessage implements IdentifiedDataSerializable {

	private @Nullable Envelope envelope;

	/** For deserialization. */
	public EnvelopeMessage() {
	}

	EnvelopeMessage(Envelope envelope) {
		this.envelope = envelope;
	}

	@Nullable Envelope envelope() {
		return this.envelope;
	}

	@Override
	public int getFactoryId() {
		return EnvelopeSerializerHook.FACTORY_ID;
	}

	@Override
	public int getClassId() {
		return EnvelopeSerializerHook.ENVELOPE;
	}

	@Override
	public void writeData(ObjectDataOutput out) throws IOException {
		Envelope sent = this.envelope;
		if (sent == null) {
			throw new IOException("an empty envelope cannot be sent");
		}
		out.writeByte(sent.kind().ordinal());
		out.writeLong(sent.pid());
		out.writeLong(sent.correlation());
		out.writeString(sent.replyTo());
		out.writeLong(sent.timeoutMillis());
		out.writeObject(sent.payload());
		out.writeString(sent.detail());
	}

	@Override
	public void readData(ObjectDataInput in) throws IOException {
		Envelope.Kind kind = Envelope.Kind.values()[in.readByte()];
		long pid = in.readLong();
		long correlation = in.readLong();
		String replyTo = in.readString();
		long timeout = in.readLong();
		Object payload = in.readObject();
		this.envelope = new Envelope(kind, pid, correlation, replyTo, timeout, payload, in.readString());
	}
}
