package io.rusm.cluster.hazelcast;

import java.io.IOException;

import com.hazelcast.internal.nio.BufferObjectDataOutput;
import com.hazelcast.internal.serialization.InternalSerializationService;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;

import io.rusm.cluster.backend.Envelope;
import io.rusm.cluster.backend.Envelope.Kind;

/**
 * How one {@link Envelope} is written inside an {@link EnvelopeBatch}: its kind and recipient,
 * then, for a plain message (most of the traffic), only its payload; any other kind carries every
 * field. The payload goes through Hazelcast's own serialization, so records of strings, numbers
 * and lists travel with zero configuration.
 */
final class EnvelopeCodec {

	/** Room for a small message's envelope, so that encoding it allocates one buffer. */
	private static final int INITIAL_SIZE = 64;

	private static final Kind[] KINDS = Kind.values();

	private EnvelopeCodec() {
	}

	/**
	 * Encodes an envelope in the calling thread, so that a payload Hazelcast cannot serialize fails
	 * there and then.
	 * @throws com.hazelcast.nio.serialization.HazelcastSerializationException if it cannot
	 */
	static byte[] encode(InternalSerializationService serialization, Envelope envelope) {
		BufferObjectDataOutput out = serialization.createObjectDataOutput(INITIAL_SIZE);
		try {
			write(out, envelope);
		}
		catch (IOException ex) {
			throw new IllegalStateException("an in-memory buffer failed to write", ex);
		}
		return out.toByteArray();
	}

	static void write(ObjectDataOutput out, Envelope envelope) throws IOException {
		out.writeByte(envelope.kind().ordinal());
		out.writeLong(envelope.pid());
		if (envelope.kind() != Kind.SEND) {
			out.writeLong(envelope.correlation());
			out.writeString(envelope.replyTo());
			out.writeLong(envelope.timeoutMillis());
			out.writeString(envelope.detail());
		}
		out.writeObject(envelope.payload());
	}

	static Envelope read(ObjectDataInput in) throws IOException {
		Kind kind = KINDS[in.readByte()];
		long pid = in.readLong();
		if (kind == Kind.SEND) {
			return new Envelope(kind, pid, 0, null, 0, in.readObject(), null);
		}
		long correlation = in.readLong();
		String replyTo = in.readString();
		long timeout = in.readLong();
		String detail = in.readString();
		return new Envelope(kind, pid, correlation, replyTo, timeout, in.readObject(), detail);
	}
}
