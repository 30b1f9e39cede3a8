package io.rusm.core;

/**
 * A message travelling with the context its sender's thread had, when the runtime has a
 * {@link ContextPropagator} and it captured something; unwrapped before the receiver sees it.
 *
 * @param message the message itself
 * @param snapshot what the propagator captured
 */
record Carried(Object message, Object snapshot) {

	static Object unwrap(Object item) {
		return (item instanceof Carried carried) ? carried.message() : item;
	}
}
