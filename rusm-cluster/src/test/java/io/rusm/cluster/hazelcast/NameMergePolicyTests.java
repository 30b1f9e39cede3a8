package io.rusm.cluster.hazelcast;

import com.hazelcast.spi.merge.MergingValue;
import org.junit.jupiter.api.Test;

import io.rusm.cluster.backend.NameRecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class NameMergePolicyTests {

	private final NameMergePolicy policy = new NameMergePolicy();

	private static MergingValue<Object> value(NameRecord record) {
		return new MergingValue<>() {
			@Override
			public Object getDeserializedValue() {
				return record;
			}

			@Override
			public Object getRawValue() {
				return record;
			}
		};
	}

	private Object merge(NameRecord merging, NameRecord existing) {
		return this.policy.merge(value(merging), value(existing));
	}

	@Test
	void theEarlierClaimKeepsTheNameWhicheverSideMerges() {
		NameRecord early = new NameRecord("node-b", 7, 1_000);
		NameRecord late = new NameRecord("node-a", 3, 2_000);
		assertThat(merge(early, late)).isEqualTo(early);
		assertThat(merge(late, early)).isEqualTo(early);
	}

	@Test
	void claimsMadeInTheSameMillisecondAreSettledByNodeIdThenProcessNumber() {
		NameRecord lowerNode = new NameRecord("node-a", 9, 1_000);
		NameRecord higherNode = new NameRecord("node-b", 1, 1_000);
		assertThat(merge(higherNode, lowerNode)).isEqualTo(lowerNode);
		assertThat(merge(lowerNode, higherNode)).isEqualTo(lowerNode);
		NameRecord lowerPid = new NameRecord("node-a", 2, 1_000);
		assertThat(merge(lowerNode, lowerPid)).isEqualTo(lowerPid);
		assertThat(merge(lowerPid, lowerNode)).isEqualTo(lowerPid);
	}

	@Test
	void aNameHeldOnOneSideOnlyIsKept() {
		NameRecord only = new NameRecord("node-a", 4, 1_000);
		assertThat(this.policy.merge(value(only), null)).isEqualTo(only);
	}

	@Test
	void recordsRejectBadValues() {
		assertThatIllegalArgumentException().isThrownBy(() -> new NameRecord("node-a", -1, 0))
			.withMessageContaining("pid");
		assertThat(new NameRecord("node-a", 0, 0).pending()).isTrue();
		assertThat(new NameRecord("node-a", 0, 5).heldBy(8)).isEqualTo(new NameRecord("node-a", 8, 5));
	}
}
