package io.rusm.spring.boot;

/**
 * Wraps the handling of each message by a {@link RusmProcess @RusmProcess} bean's
 * {@link RusmHandler @RusmHandler} methods, to observe it: the auto-configuration provides one
 * that opens a Micrometer observation named {@code rusm.handle} per message when an
 * {@code ObservationRegistry} is present. A bean of this type in the context is picked up when a
 * singleton (re)starts.
 *
 * @author rusm contributors
 * @since 0.1.0
 */
@FunctionalInterface
public interface RusmHandlerObserver {

	/**
	 * Handles one message, observed: implementations must call {@code handling.handle()} exactly
	 * once, on the calling thread (the process's own), and let what it throws propagate.
	 * @param processName the name of the {@code @RusmProcess} singleton
	 * @param message the message received, a {@link io.rusm.core.Call Call} for a call
	 * @param handling the dispatch of the message to its handler
	 * @throws Exception whatever the handler threw
	 */
	void observe(String processName, Object message, Handling handling) throws Exception;

	/**
	 * The dispatch of one message to its handler.
	 */
	@FunctionalInterface
	interface Handling {

		/**
		 * Dispatches the message.
		 * @throws Exception whatever the handler threw
		 */
		void handle() throws Exception;

	}

}
