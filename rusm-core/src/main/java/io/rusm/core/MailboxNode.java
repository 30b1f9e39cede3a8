package io.rusm.core;

import org.jspecify.annotations.Nullable;

/**
 * A link of a process's mailbox queue. The queue is Vyukov's intrusive multi-producer,
 * single-consumer list: it needs a stub node to start from, and the process object itself serves
 * as that stub, so an idle process carries no extra allocation for it.
 */
class MailboxNode {

	volatile @Nullable MailboxNode next;

	@Nullable Object item;

	MailboxNode() {
	}

	MailboxNode(Object item) {
		this.item = item;
	}
}
