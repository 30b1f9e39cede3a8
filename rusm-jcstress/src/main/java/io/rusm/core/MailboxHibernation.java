package io.rusm.core;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZI_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * The owner announces that it hibernates (lets its thread go) while a message arrives. Exactly
 * one side must go on with the process: either the owner sees the message and takes its
 * announcement back, staying on its thread, or it leaves and the sender, taking the announcement,
 * starts the next thread. A lost wake-up (the owner leaves, nobody resumes) or a doubled one (the
 * owner stays and the sender resumes too: two threads for one process) is forbidden.
 */
@JCStressTest
@Description("Mailbox: a send racing a hibernation wakes the process exactly once")
@Outcome(id = "true, 0", expect = ACCEPTABLE, desc = "the owner saw the message and stays on its thread")
@Outcome(id = "false, 1", expect = ACCEPTABLE, desc = "the owner left; the sender started its next thread")
@Outcome(expect = FORBIDDEN, desc = "wake-up lost or doubled")
@State
public class MailboxHibernation {

	private final JcstressMailbox mailbox = new JcstressMailbox();

	/** The producer. */
	@Actor
	public void send() {
		this.mailbox.deliver("m");
	}

	/** The owner, letting its thread go unless something waits. */
	@Actor
	public void hibernate(ZI_Result result) {
		result.r1 = !this.mailbox.announceHibernation();
	}

	/** Who went on with the process. */
	@Arbiter
	public void after(ZI_Result result) {
		result.r2 = this.mailbox.resumes;
	}
}
