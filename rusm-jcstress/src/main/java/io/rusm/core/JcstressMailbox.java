package io.rusm.core;

/**
 * A bare mailbox for the jcstress tests: no process around it, so a test drives its producer and
 * consumer sides from jcstress's own threads.
 */
final class JcstressMailbox extends Mailbox {

	/** Never started, so waking it is a no-op: the tests never park. */
	private static final Thread NOBODY = Thread.ofPlatform().unstarted(() -> {
	});

	JcstressMailbox() {
		super(new MailboxPolicy(false, 0, null));
	}

	/** Takes the next message without waiting; {@code null} if none is visible. */
	Object poll() {
		return takeMatching((message) -> true, 0L);
	}

	@Override
	Thread owner() {
		return NOBODY;
	}

	/** How many times a waker started the hibernating owner again; read after the actors ended. */
	int resumes;

	@Override
	void resume() {
		this.resumes++;
	}

	@Override
	void checkExit() {
	}

	@Override
	boolean isExitStaged() {
		return false;
	}

	@Override
	void received(Object item) {
	}
}
