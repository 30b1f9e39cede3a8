package io.rusm.cluster.backend;

import java.util.Comparator;
import java.util.Objects;

/**
 * Who holds a global name: a process on a node, and when the claim was made. A record with
 * {@code pid == 0} is a claim in progress: its node won the name and is spawning the holder.
 *
 * @param node the id of the holder's node
 * @param pid the holder's local process number on that node, {@code 0} while the claim is pending
 * @param claimedAt when the claim was made, in milliseconds since the epoch
 * @since 0.1.0
 */
public record NameRecord(String node, long pid, long claimedAt) {

	/**
	 * Which of two claims on one name survives a merge: the earlier claim, then the lower node id,
	 * then the lower process number. Every node applies it to the same two records, so every node
	 * picks the same one.
	 */
	public static final Comparator<NameRecord> PRECEDENCE = Comparator.comparingLong(NameRecord::claimedAt)
		.thenComparing(NameRecord::node)
		.thenComparingLong(NameRecord::pid);

	/**
	 * Creates a record.
	 * @param node the holder's node id, never {@code null}
	 * @param pid the holder's process number, not negative
	 * @param claimedAt when the claim was made
	 */
	public NameRecord {
		Objects.requireNonNull(node, "node");
		if (pid < 0) {
			throw new IllegalArgumentException("pid must not be negative, got " + pid);
		}
	}

	/**
	 * Whether the claim is still in progress (the holder is being spawned).
	 * @return {@code true} while no holder is known
	 */
	public boolean pending() {
		return this.pid == 0;
	}

	/**
	 * The same claim, now held by {@code holder}.
	 * @param holder the process number of the spawned holder
	 * @return the resolved record
	 */
	public NameRecord heldBy(long holder) {
		return new NameRecord(this.node, holder, this.claimedAt);
	}
}
