package io.rusm.core;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLL_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Two producers publish at once (each swaps the tail, then links its node behind the previous
 * one): both messages arrive, each once, and the owner drains exactly them. (jcstress runs a test
 * only if the machine has a CPU per actor; {@link MailboxPublishPoll} races the poll itself.)
 */
@JCStressTest
@Description("Mailbox: two racing sends lose and duplicate nothing")
@Outcome(id = {"a, b, null", "b, a, null"}, expect = ACCEPTABLE, desc = "both arrived, once each")
@Outcome(expect = FORBIDDEN, desc = "lost or duplicated")
@State
public class MailboxTwoProducers {

	private final JcstressMailbox mailbox = new JcstressMailbox();

	/** The first producer. */
	@Actor
	public void sendA() {
		this.mailbox.deliver("a");
	}

	/** The second producer. */
	@Actor
	public void sendB() {
		this.mailbox.deliver("b");
	}

	/** The owner drains the mailbox: exactly the two messages, then nothing. */
	@Arbiter
	public void after(LLL_Result result) {
		result.r1 = this.mailbox.poll();
		result.r2 = this.mailbox.poll();
		result.r3 = this.mailbox.poll();
	}
}
