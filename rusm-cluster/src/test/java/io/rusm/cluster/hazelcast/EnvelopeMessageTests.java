package io.rusm.cluster.hazelcast;

import java.nio.charset.StandardCharsets;

import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.InternalSerializationService;
import com.hazelcast.internal.serialization.impl.DefaultSerializationServiceBuilder;
import org.junit.jupiter.api.Test;

import io.rusm.cluster.backend.Envelope;
import io.rusm.cluster.backend.Envelope.Kind;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Envelopes on the wire: every remote message and call is one, so nothing constant may travel
 * with each of them, and a member built without rusm's configuration (an application's own) must
 * still read them.
 */
class EnvelopeMessageTests {

	/** A serialization service as any member builds it, with no rusm configuration at all. */
	private final InternalSerializationService serialization = new DefaultSerializationServiceBuilder().build();

	@Test
	void aSmallMessageTravelsWithoutItsEnvelopesClassName() {
		Envelope send = new Envelope(Kind.SEND, 42, 0, null, 0, 7, null);

		Data data = this.serialization.toData(new EnvelopeMessage(send));

		assertThat(new String(data.toByteArray(), StandardCharsets.ISO_8859_1))
			.doesNotContain(EnvelopeMessage.class.getSimpleName());
		// 58 bytes: 95 when the class name travelled with every envelope
		assertThat(data.totalSize()).isLessThanOrEqualTo(64);
	}

	@Test
	void everyKindOfEnvelopeReadsBackOnAMemberWithoutRusmsConfiguration() {
		for (Kind kind : Kind.values()) {
			Envelope sent = new Envelope(kind, 42, 9, "node-a", 1500, "payload", "detail");

			Object read = this.serialization.toObject(this.serialization.toData(new EnvelopeMessage(sent)));

			assertThat(read).isInstanceOfSatisfying(EnvelopeMessage.class,
					(message) -> assertThat(message.envelope()).isEqualTo(sent));
		}
	}
}
