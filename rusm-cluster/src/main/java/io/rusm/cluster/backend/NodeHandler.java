package io.rusm.cluster.backend;

import org.jspecify.annotations.Nullable;

/**
 * Answers the {@link NodeRequest}s other nodes send to this one.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface NodeHandler {

	/**
	 * Answers a request on this node.
	 * @param request what was asked
	 * @return the answer, as documented per {@link NodeRequest.Operation}
	 */
	@Nullable Object answer(NodeRequest request);
}
