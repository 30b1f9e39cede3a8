package io.rusm.cluster.hazelcast;

import com.hazelcast.internal.serialization.DataSerializerHook;
import com.hazelcast.nio.serialization.DataSerializableFactory;

/**
 * Registers the factory of {@link EnvelopeBatch} with every Hazelcast member on the classpath
 * (through {@code META-INF/services/com.hazelcast.DataSerializerHook}, the way Hazelcast registers
 * its own types), so a batch of envelopes travels as two integers instead of its class name, and
 * with no member configuration: an application's own {@code HazelcastInstance} reads envelopes too.
 *
 * @since 0.1.0
 */
public final class EnvelopeSerializerHook implements DataSerializerHook {

	/** rusm's factory id ("rusm" in ASCII), far from Hazelcast's own (negative) ones. */
	static final int FACTORY_ID = 0x7275736D;

	/**
	 * The type id of {@link EnvelopeBatch}. Type 1 was a single envelope before envelopes were
	 * batched; it is not reused, so that a member of that version fails loudly on a batch.
	 */
	static final int BATCH = 2;

	/** For Hazelcast's service loader. */
	public EnvelopeSerializerHook() {
	}

	@Override
	public int getFactoryId() {
		return FACTORY_ID;
	}

	@Override
	public DataSerializableFactory createFactory() {
		return (typeId) -> (typeId == BATCH) ? new EnvelopeBatch() : null;
	}
}
