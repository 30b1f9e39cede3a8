package io.rusm.core;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The caller's side of {@code call}: a {@link Call} is put in the callee's mailbox and watches
 * the callee, so the caller waits for whichever comes first, the reply, the callee's exit or the
 * timeout, without a monitor in its own mailbox.
 */
final class Calls {

	private final ProcessTable table;

	private final LinksAndMonitors links;

	Calls(ProcessTable table, LinksAndMonitors links) {
		this.table = table;
		this.links = links;
	}

	@SuppressWarnings("unchecked")
	<T> T call(Proc callee, Object request, Duration timeout) {
		Objects.requireNonNull(request, "request");
		long nanos = Arguments.nanos(Arguments.positive(timeout, "timeout"));
		Proc caller = this.table.current();
		if (caller != null) {
			caller.checkExit();
			if (caller == callee) {
				throw new IllegalStateException("process " + callee.pid + " cannot call itself");
			}
		}
		long deadline = Arguments.deadline(System.nanoTime(), nanos);
		@Nullable Pid callerPid = (caller != null) ? caller.pid : null;
		MonitorRef ref = this.links.newRef(Objects.requireNonNullElse(callerPid, Pid.SYSTEM), callee.pid);
		Call call = new Call(ref, request, callerPid);
		if (!callee.addWatcher(call)) {
			throw new NoProcessException("no process " + callee.pid);
		}
		try {
			if (callee.deliver(call) == Delivery.SHED) {
				throw new MailboxFullException("the mailbox of " + callee.pid + " is full; the call was shed");
			}
			return (T) call.await(deadline, timeout, caller);
		}
		finally {
			callee.removeWatcher(call);
		}
	}
}
