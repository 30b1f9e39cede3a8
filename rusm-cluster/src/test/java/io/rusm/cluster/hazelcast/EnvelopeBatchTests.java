package io.rusm.cluster.hazelcast;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.hazelcast.config.SerializerConfig;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.InternalSerializationService;
import com.hazelcast.internal.serialization.impl.DefaultSerializationServiceBuilder;
import com.hazelcast.config.SerializationConfig;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.StreamSerializer;
import org.junit.jupiter.api.Test;

import io.rusm.cluster.backend.Envelope;
import io.rusm.cluster.backend.Envelope.Kind;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Batches of envelopes on the wire: every remote message travels in one, so nothing constant may
 * travel with each envelope, a member built without rusm's configuration (an application's own)
 * must still read them, and one unreadable envelope must not cost the others.
 */
class EnvelopeBatchTests {

	/** A serialization service as any member builds it, with no rusm configuration at all. */
	private final InternalSerializationService serialization = new DefaultSerializationServiceBuilder().build();

	private List<Envelope> roundTrip(InternalSerializationService sender, List<Envelope> sent) {
		List<byte[]> encoded = sent.stream().map((envelope) -> EnvelopeCodec.encode(sender, envelope)).toList();
		Object read = this.serialization.toObject(sender.toData(new EnvelopeBatch(encoded)));
		List<Envelope> received = new ArrayList<>();
		assertThat(read).isInstanceOfSatisfying(EnvelopeBatch.class,
				(batch) -> batch.forEach(this.serialization, received::add));
		return received;
	}

	@Test
	void smallMessagesTravelWithoutAnyClassNameAndWithAFewBytesOfEnvelopeEach() {
		List<byte[]> one = List.of(EnvelopeCodec.encode(this.serialization, new Envelope(Kind.SEND, 42, 0, null, 0, 7, null)));
		List<byte[]> hundred = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			hundred.add(EnvelopeCodec.encode(this.serialization, new Envelope(Kind.SEND, 42, 0, null, 0, i, null)));
		}

		Data single = this.serialization.toData(new EnvelopeBatch(one));
		Data batch = this.serialization.toData(new EnvelopeBatch(hundred));

		assertThat(new String(batch.toByteArray(), StandardCharsets.ISO_8859_1))
			.doesNotContain(EnvelopeBatch.class.getSimpleName())
			.doesNotContain(Envelope.class.getSimpleName());
		// 46 bytes for a batch of one (58 when each message was its own envelope, 95 with its class name)
		assertThat(single.totalSize()).isLessThanOrEqualTo(48);
		// then 21 bytes per message: a length, the kind, the pid and the integer with its type
		assertThat(batch.totalSize() - single.totalSize()).isEqualTo(99 * 21);
	}

	@Test
	void everyKindOfEnvelopeReadsBackInOrderOnAMemberWithoutRusmsConfiguration() {
		List<Envelope> sent = new ArrayList<>();
		for (Kind kind : Kind.values()) {
			sent.add((kind == Kind.SEND) ? new Envelope(kind, 42, 0, null, 0, "payload", null)
					: new Envelope(kind, 42, 9, "node-a", 1500, "payload", "detail"));
		}

		assertThat(roundTrip(this.serialization, sent)).containsExactlyElementsOf(sent);
	}

	@Test
	void anEnvelopeTheReceiverCannotReadIsSkippedAndTheOthersArrive() {
		SerializationConfig config = new SerializationConfig()
			.addSerializerConfig(new SerializerConfig().setTypeClass(Unknown.class).setImplementation(new UnknownSerializer()));
		InternalSerializationService sender = new DefaultSerializationServiceBuilder().setConfig(config).build();
		Envelope before = new Envelope(Kind.SEND, 1, 0, null, 0, "before", null);
		Envelope after = new Envelope(Kind.SEND, 2, 0, null, 0, "after", null);

		List<Envelope> received = roundTrip(sender, List.of(before, new Envelope(Kind.SEND, 3, 0, null, 0, new Unknown(), null), after));

		assertThat(received).containsExactly(before, after);
	}

	/** A type only the sender can serialize. */
	record Unknown() {
	}

	static final class UnknownSerializer implements StreamSerializer<Unknown> {

		@Override
		public int getTypeId() {
			return 4242;
		}

		@Override
		public void write(ObjectDataOutput out, Unknown object) throws IOException {
			out.writeString("only the sender knows how to read this");
		}

		@Override
		public Unknown read(ObjectDataInput in) throws IOException {
			in.readString();
			return new Unknown();
		}
	}
}
