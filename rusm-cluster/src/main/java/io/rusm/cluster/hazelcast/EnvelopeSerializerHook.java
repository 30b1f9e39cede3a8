package io.rusm.cluster.hazelcast;

import com.hazelcast.internal.serialization.DataSerializerHook;
import com.hazelcast.nio.serialization.DataSerializableFactory;

/**
 * Registers the factory of {@link EnvelopeMessage} with every Hazelcast member on the classpath
 * (through {@code META-INF/services/com.hazelcast.DataSerializerHook}, the way Hazelcast registers
 * its own types), so an envelope travels as two integers instead of its class name, and with no
 * member configuration: an application's own {@code HazelcastInstance} reads envelopes too.
 *
 * @since 0.1.0
 */
public final class EnvelopeSerializerHook implements DataSerializerHook {

	/** rusm's factory id ("rusm" in ASCII), far from Hazelcast's own (negative) ones. */
	static final int FACTORY_ID = 0x7275736D;

	/** The type id of {@link EnvelopeMessage}. */
	static final int ENVELOPE = 1;

	/** For Hazelcast's service loader. */
	public EnvelopeSerializerHook() {
	}

	@Override
	public int getFactoryId() {
		return FACTORY_ID;
	}

	@Override
	public DataSerializableFactory createFactory() {
		return (typeId) -> (typeId == ENVELOPE) ? new EnvelopeMessage() : null;
	}
}
