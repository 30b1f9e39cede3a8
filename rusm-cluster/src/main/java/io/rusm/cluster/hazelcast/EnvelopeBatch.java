package io.rusm.cluster.hazelcast;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

import com.hazelcast.internal.nio.BufferObjectDataInput;
import com.hazelcast.internal.serialization.InternalSerializationService;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.rusm.cluster.backend.Envelope;

/**
 * Envelopes for one node on the wire, as one Hazelcast topic message: their count, then each
 * envelope's length and its bytes as its sender encoded them ({@link EnvelopeCodec}). The length
 * lets the receiver skip an envelope it cannot read (a payload class it does not have) and still
 * deliver the rest. The batch is identified by two integers ({@link EnvelopeSerializerHook}),
 * not by its class name, which would otherwise travel and be parsed with every batch.
 */
final class EnvelopeBatch implements IdentifiedDataSerializable {

	private static final Logger logger = LoggerFactory.getLogger(EnvelopeBatch.class);

	/** The encoded envelopes, when sending. */
	private List<byte[]> envelopes = List.of();

	/** How many envelopes {@link #bytes} holds, when received. */
	private int count;

	/** The length-prefixed envelopes, when received. */
	private byte[] bytes = new byte[0];

	/** For deserialization. */
	public EnvelopeBatch() {
	}

	/** A batch of encoded envelopes, to be delivered in this order. */
	EnvelopeBatch(List<byte[]> envelopes) {
		this.envelopes = envelopes;
	}

	/** How many envelopes a received batch holds. */
	int count() {
		return this.count;
	}

	/**
	 * Decodes a received batch's envelopes in order and hands each to {@code receiver} as soon as it
	 * is read; an envelope that cannot be read, or whose receiver fails, is logged and skipped.
	 */
	void forEach(InternalSerializationService serialization, Consumer<Envelope> receiver) {
		BufferObjectDataInput in = serialization.createObjectDataInput(this.bytes);
		try {
			for (int i = 0; i < this.count; i++) {
				int length = in.readInt();
				int start = in.position();
				Envelope envelope;
				try {
					envelope = EnvelopeCodec.read(in);
				}
				catch (IOException | RuntimeException ex) {
					logger.warn("Dropped a message from another node that cannot be read here: {}", ex.toString());
					in.position(start + length);
					continue;
				}
				try {
					receiver.accept(envelope);
				}
				catch (RuntimeException ex) {
					logger.warn("Could not deliver a {} envelope from another node", envelope.kind(), ex);
				}
			}
		}
		catch (IOException ex) {
			logger.warn("Dropped the rest of a damaged batch of messages from another node: {}", ex.toString());
		}
	}

	@Override
	public int getFactoryId() {
		return EnvelopeSerializerHook.FACTORY_ID;
	}

	@Override
	public int getClassId() {
		return EnvelopeSerializerHook.BATCH;
	}

	@Override
	public void writeData(ObjectDataOutput out) throws IOException {
		int length = 0;
		for (byte[] envelope : this.envelopes) {
			length += Integer.BYTES + envelope.length;
		}
		out.writeInt(this.envelopes.size());
		// laid out as writeByteArray does, so that the receiver takes the envelopes in one read
		out.writeInt(length);
		for (byte[] envelope : this.envelopes) {
			out.writeInt(envelope.length);
			out.write(envelope);
		}
	}

	@Override
	public void readData(ObjectDataInput in) throws IOException {
		this.count = in.readInt();
		byte[] read = in.readByteArray();
		this.bytes = (read != null) ? read : new byte[0];
	}
}
