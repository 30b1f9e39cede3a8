package io.rusm.cluster.backend;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A message between two nodes: a message or call for a process, or the reply to a call. The
 * engine delivers a sender's envelopes to a node in the order they were sent.
 *
 * @param kind what it carries
 * @param pid the local process number of the recipient on the receiving node ({@code 0} for
 * replies)
 * @param correlation which call a reply answers ({@code 0} for plain messages)
 * @param replyTo the node to reply to ({@code null} for plain messages and replies)
 * @param timeoutMillis how long the callee may take ({@code 0} unless a call)
 * @param payload the message, request or reply
 * @param detail for failures: the reason kind and description
 * @since 0.1.0
 */
public record Envelope(Kind kind, long pid, long correlation, @Nullable String replyTo, long timeoutMillis,
		@Nullable Object payload, @Nullable String detail) {

	/**
	 * Creates an envelope.
	 * @param kind what it carries
	 * @param pid the recipient's process number
	 * @param correlation the call it belongs to
	 * @param replyTo the node to reply to
	 * @param timeoutMillis the call timeout
	 * @param payload the message
	 * @param detail the failure detail
	 */
	public Envelope {
		Objects.requireNonNull(kind, "kind");
	}

	/**
	 * What an envelope carries.
	 */
	public enum Kind {

		/** A message for a process. */
		SEND,

		/** A call for a process; answered with {@link #REPLY} or a failure. */
		CALL,

		/** The reply to a call. */
		REPLY,

		/** The callee was not alive. */
		NO_PROCESS,

		/** The callee ended before it replied; the detail holds the exit reason's kind and text. */
		EXITED,

		/** The callee did not reply in time. */
		TIMEOUT,

		/** The callee's mailbox was full. */
		MAILBOX_FULL,

		/** The call failed on the callee's node for another reason (the detail says which). */
		FAILED,

		/** End a process with the reason in the detail; answered with a {@code Boolean} reply. */
		EXIT,

		/** Send a process an exit signal with the reason in the detail; answered like {@link #EXIT}. */
		SIGNAL_EXIT,

		/** Whether a process is alive; answered with a {@code Boolean} reply. */
		IS_ALIVE,

		/** Watch a process for the sender's process (payload: its number) under the correlation id. */
		MONITOR,

		/** Stop the watch with the correlation id. */
		DEMONITOR,

		/** The watched process ended, with the reason in the detail. */
		DOWN,

		/** Link a process to the sender's process (payload: its number). */
		LINK,

		/** Remove the link between a process and the sender's process (payload: its number). */
		UNLINK,

		/** The sender's linked process (payload: its number) ended, with the reason in the detail. */
		LINK_EXIT
	}
}
