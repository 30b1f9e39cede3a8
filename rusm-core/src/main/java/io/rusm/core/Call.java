package io.rusm.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

/**
 * A request made with {@link Runtime#call(Pid, Object, Duration)}, as the callee receives it.
 * Answer it with {@link #reply(Object)}:
 * <pre>{@code
 * if (ctx.receive() instanceof Call call && call.request() instanceof GetBalance) {
 *     call.reply(balance);
 * }
 * }</pre>
 *
 * <p>The reply goes straight to the waiting caller, never through a mailbox, so a reply that comes
 * too late is simply dropped: it cannot turn up in the caller's mailbox afterwards.
 *
 * @since 0.1.0
 */
public final class Call extends Watch {

	private static final VarHandle STATE;

	static {
		try {
			STATE = MethodHandles.lookup().findVarHandle(Call.class, "state", Object.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private static final Object PENDING = new Object();

	private static final Object ABANDONED = new Object();

	private final Object request;

	private final @Nullable Pid caller;

	private final Thread waiter;

	private volatile Object state = PENDING;

	Call(MonitorRef ref, Object request, @Nullable Pid caller) {
		super(ref);
		this.request = request;
		this.caller = caller;
		this.waiter = Thread.currentThread();
	}

	/**
	 * What the caller asked.
	 * @return the request
	 */
	public Object request() {
		return this.request;
	}

	/**
	 * The calling process.
	 * @return its pid, or {@code null} if the caller is not a process (a web request thread, say)
	 */
	public @Nullable Pid caller() {
		return this.caller;
	}

	/**
	 * Answers the call. Only the first reply counts.
	 * @param value the reply; may be {@code null}
	 * @return {@code true} if the caller was still waiting and gets this reply
	 */
	public boolean reply(@Nullable Object value) {
		return complete(new Reply(value));
	}

	@Override
	void fire(ExitReason reason) {
		complete(new Died(reason));
	}

	@Override
	boolean byProcess() {
		return false;
	}

	private boolean complete(Object outcome) {
		if (STATE.compareAndSet(this, PENDING, outcome)) {
			LockSupport.unpark(this.waiter);
			return true;
		}
		return false;
	}

	/** Waits for the outcome until {@code deadline} (a {@link System#nanoTime()} value). */
	@Nullable Object await(long deadline, Duration timeout, @Nullable Proc callerProcess) {
		for (;;) {
			Object outcome = this.state;
			if (outcome instanceof Reply reply) {
				return reply.value();
			}
			if (outcome instanceof Died died) {
				throw new ProcessExitedException(
						"process " + this.ref.target() + " exited before replying: " + died.reason(), died.reason());
			}
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				if (STATE.compareAndSet(this, PENDING, ABANDONED)) {
					throw new CallTimeoutException("no reply from " + this.ref.target() + " within " + timeout);
				}
				continue;
			}
			LockSupport.parkNanos(this, remaining);
			if (Thread.interrupted()) {
				abandonOnInterrupt(callerProcess);
			}
		}
	}

	private void abandonOnInterrupt(@Nullable Proc callerProcess) {
		if (callerProcess != null) {
			if (callerProcess.isExitStaged()) {
				STATE.compareAndSet(this, PENDING, ABANDONED);
				callerProcess.checkExit();
			}
			return;
		}
		if (STATE.compareAndSet(this, PENDING, ABANDONED)) {
			Thread.currentThread().interrupt();
			throw new CancellationException("interrupted while waiting for a reply from " + this.ref.target());
		}
	}

	@Override
	public String toString() {
		return "Call[from=" + this.caller + ", request=" + this.request + "]";
	}

	private record Reply(@Nullable Object value) {
	}

	private record Died(ExitReason reason) {
	}
}
