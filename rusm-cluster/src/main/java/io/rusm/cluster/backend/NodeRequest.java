package io.rusm.cluster.backend;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A question one node asks every other: the engine carries it to each node's
 * {@link NodeHandler} and carries the answers back.
 *
 * @param operation what to do
 * @param tag the tag it concerns, if any
 * @since 0.1.0
 */
public record NodeRequest(Operation operation, @Nullable String tag) {

	/**
	 * Creates a request.
	 * @param operation what to do
	 * @param tag the tag, if the operation concerns one
	 */
	public NodeRequest {
		Objects.requireNonNull(operation, "operation");
	}

	/**
	 * What a node is asked to do.
	 */
	public enum Operation {

		/** Answer the members of a tag, as a {@code List<Long>} of local process numbers. */
		TAG_MEMBERS,

		/** Kill the members of a tag; answer the count as an {@code Integer}. */
		KILL_TAG,

		/** Answer the local tag counts as a {@code SortedMap<String, Integer>}. */
		TAG_COUNTS,

		/** Answer the local census as a {@code SortedMap<String, Integer>}. */
		CENSUS,

		/** Answer the local process count as an {@code Integer}. */
		PROCESS_COUNT
	}
}
