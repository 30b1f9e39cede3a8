package io.rusm.sample.plans;

/**
 * Thrown when a plan's agents would take the live agents past the sample's cap; the API
 * answers it with {@code 429 Too Many Requests}.
 *
 * @author rusm contributors
 * @since 0.1.0
 */
public class TooManyAgentsException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param requested how many agents the plan asked for
	 * @param live how many agents are alive
	 * @param max the most agents alive at once
	 */
	public TooManyAgentsException(int requested, int live, int max) {
		super("A plan of " + requested + " agents would exceed the " + max + " live agents allowed (" + live
				+ " alive); try again once plans have finished");
	}

}
