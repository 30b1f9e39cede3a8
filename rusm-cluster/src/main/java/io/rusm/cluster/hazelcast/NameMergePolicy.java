package io.rusm.cluster.hazelcast;

import java.io.IOException;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.spi.merge.MergingValue;
import com.hazelcast.spi.merge.SplitBrainMergePolicy;
import org.jspecify.annotations.Nullable;

import io.rusm.cluster.backend.NameRecord;

/**
 * Settles a global name held on both sides of a healed split: the claim that comes first by
 * {@link NameRecord#PRECEDENCE} (the earlier claim, then the lower node id, then the lower process
 * number) keeps the name. Every member applies the same rule to the same two records, so the
 * outcome does not depend on which side merges into which. The losing holder's node notices and
 * ends it with a {@link io.rusm.cluster.NameConflictException} crash.
 *
 * @since 0.1.0
 */
public final class NameMergePolicy implements SplitBrainMergePolicy<Object, MergingValue<Object>, Object> {

	/** Created by Hazelcast from the map's merge-policy configuration. */
	public NameMergePolicy() {
	}

	@Override
	public @Nullable Object merge(MergingValue<Object> merging, @Nullable MergingValue<Object> existing) {
		if (existing == null) {
			return merging.getRawValue();
		}
		Object incoming = merging.getDeserializedValue();
		Object present = existing.getDeserializedValue();
		if (incoming instanceof NameRecord challenger && present instanceof NameRecord incumbent
				&& NameRecord.PRECEDENCE.compare(challenger, incumbent) < 0) {
			return merging.getRawValue();
		}
		return existing.getRawValue();
	}

	@Override
	public void writeData(ObjectDataOutput out) throws IOException {
		// stateless
	}

	@Override
	public void readData(ObjectDataInput in) throws IOException {
		// stateless
	}
}
