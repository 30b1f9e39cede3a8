package io.rusm.core;

import org.jspecify.annotations.Nullable;

/**
 * Carries a context (a trace, a security principal, a logging context) with each message, from
 * the thread that sends it to the process that handles it: {@link #capture()} runs on the sender's
 * thread when a message is sent, called or scheduled with {@code sendAfter}, and
 * {@link #restore(Object)} runs on the receiving process's thread just before {@code receive}
 * answers that message. The restored context stays in place while the process handles the
 * message, until it asks for its next message or ends.
 *
 * <p>Set one with {@link Runtime.Builder#contextPropagator(ContextPropagator)}. Without one, a
 * runtime captures nothing and allocates nothing per message; system signals ({@link Signal})
 * never carry a context.
 *
 * @since 0.1.0
 */
public interface ContextPropagator {

	/**
	 * Takes a snapshot of the calling thread's context.
	 * @return the snapshot, or {@code null} when there is nothing to carry (the message then travels
	 * as if no propagator were set)
	 */
	@Nullable Object capture();

	/**
	 * Puts a snapshot taken by {@link #capture()} in place on the calling (receiving) thread.
	 * @param snapshot what {@link #capture()} answered on the sender's thread
	 * @return what undoes it, closed when the process asks for its next message or ends
	 */
	Scope restore(Object snapshot);

	/**
	 * Undoes a {@link #restore(Object)}.
	 */
	@FunctionalInterface
	interface Scope extends AutoCloseable {

		/**
		 * Removes the restored context from the receiving thread.
		 */
		@Override
		void close();
	}
}
