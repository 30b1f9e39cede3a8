package io.rusm.core;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LL_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * A message is published by swapping the mailbox's tail and then linking the node (the node's
 * plain {@code item} is published by the volatile {@code next}); the owner polls without waiting
 * at the same time. Whatever the interleaving, the message is received exactly once, whole: by
 * the racing poll or by the one after both ended, never by both, never lost, never as {@code null}.
 */
@JCStressTest
@Description("Mailbox: a send racing a poll is received exactly once")
@Outcome(id = "m, null", expect = ACCEPTABLE, desc = "the racing poll saw the message")
@Outcome(id = "null, m", expect = ACCEPTABLE, desc = "the racing poll came first; the message waited")
@Outcome(expect = FORBIDDEN, desc = "lost, duplicated or torn")
@State
public class MailboxPublishPoll {

	private final JcstressMailbox mailbox = new JcstressMailbox();

	/** The producer. */
	@Actor
	public void send() {
		this.mailbox.deliver("m");
	}

	/** The owner, polling once. */
	@Actor
	public void poll(LL_Result result) {
		result.r1 = this.mailbox.poll();
	}

	/** The owner, polling again after both ended. */
	@Arbiter
	public void after(LL_Result result) {
		result.r2 = this.mailbox.poll();
	}
}
