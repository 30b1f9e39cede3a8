package io.rusm.cluster.backend;

import org.jspecify.annotations.Nullable;

/**
 * Answers the {@link NodeRequest}s other nodes send to this one, and receives their
 * {@link Envelope}s.
 *
 * @since 0.1.0
 */
public interface NodeHandler {

	/**
	 * Answers a request on this node.
	 * @param request what was asked
	 * @return the answer, as documented per {@link NodeRequest.Operation}
	 */
	@Nullable Object answer(NodeRequest request);

	/**
	 * Receives an envelope sent to this node; called in each sender's order.
	 * @param envelope the envelope
	 */
	void receive(Envelope envelope);
}
