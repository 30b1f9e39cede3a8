package io.rusm.cluster;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.rusm.core.CallTimeoutException;
import io.rusm.core.ExitReason;
import io.rusm.core.MailboxFullException;
import io.rusm.core.NoProcessException;
import io.rusm.core.Pid;
import io.rusm.core.ProcessExitedException;
import io.rusm.core.Runtime;

import io.rusm.cluster.backend.ClusterBackend;
import io.rusm.cluster.backend.Envelope;
import io.rusm.cluster.backend.Envelope.Kind;

/**
 * Messages and calls between nodes: a message is one envelope to the recipient's node; a call is
 * an envelope answered by the callee's node, which makes the call locally (so a callee that dies
 * or stalls fails it as a local call would) and sends back the reply or the failure.
 */
final class RemoteMessaging {

	private static final Logger logger = LoggerFactory.getLogger(RusmCluster.class);

	/** How long a kill, exit signal or liveness check of a remote process waits for its node. */
	private static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(5);

	private final Runtime runtime;

	private final ClusterBackend backend;

	private final String nodeId;

	private final NodeDirectory directory;

	private final RemoteWatches watches;

	private final AtomicLong correlations = new AtomicLong();

	private final LongAdder sent = new LongAdder();

	private final LongAdder received = new LongAdder();

	private final Map<Long, Pending> pending = new ConcurrentHashMap<>();

	RemoteMessaging(Runtime runtime, ClusterBackend backend, String nodeId, NodeDirectory directory,
			RemoteWatches watches) {
		this.runtime = runtime;
		this.backend = backend;
		this.nodeId = nodeId;
		this.directory = directory;
		this.watches = watches;
	}

	/** Hands a message for process {@code pid} of {@code node} to the cluster. */
	void send(String node, long pid, Object message) {
		this.backend.deliver(node, new Envelope(Kind.SEND, pid, 0, null, 0, message, null));
		this.sent.increment();
	}

	<T> T call(String node, long pid, Object request, Duration timeout) {
		Objects.requireNonNull(request, "request");
		Objects.requireNonNull(timeout, "timeout");
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("timeout must be positive, got " + timeout);
		}
		this.sent.increment();
		return request(node, Kind.CALL, pid, request, null, timeout);
	}

	/** Asks a process's node to end it, or to signal it, or whether it is alive. */
	boolean control(String node, Kind kind, long pid, @Nullable ExitReason reason) {
		String detail = (reason != null) ? describe(reason) : null;
		try {
			return Boolean.TRUE.equals(request(node, kind, pid, null, detail, CONTROL_TIMEOUT));
		}
		catch (NoProcessException | CallTimeoutException ex) {
			return false;
		}
	}

	/** How an exit reason travels: its kind, then its text. */
	static String describe(ExitReason reason) {
		return reason.kind() + ": " + reason;
	}

	@SuppressWarnings("unchecked")
	private <T> T request(String node, Kind kind, long pid, @Nullable Object payload, @Nullable String detail,
			Duration timeout) {
		long correlation = this.correlations.incrementAndGet();
		Pending call = new Pending(node, new CompletableFuture<>());
		this.pending.put(correlation, call);
		try {
			this.backend.deliver(node,
					new Envelope(kind, pid, correlation, this.nodeId, timeout.toMillis(), payload, detail));
			Envelope answer = call.answer().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
			return (T) outcome(answer, callee(node, pid));
		}
		catch (TimeoutException ex) {
			throw new CallTimeoutException("no reply from " + callee(node, pid) + " within " + timeout);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while calling " + callee(node, pid), ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("the call to " + callee(node, pid) + " failed", ex.getCause());
		}
		finally {
			this.pending.remove(correlation);
		}
	}

	private String callee(String node, long pid) {
		return "process " + pid + " on node " + this.directory.nameOf(node);
	}

	private static @Nullable Object outcome(Envelope answer, String callee) {
		String detail = Objects.requireNonNullElse(answer.detail(), "");
		return switch (answer.kind()) {
			case REPLY -> answer.payload();
			case NO_PROCESS -> throw new NoProcessException("no " + callee + (detail.isEmpty() ? "" : ": " + detail));
			case EXITED -> throw new ProcessExitedException(callee + " exited before it replied: " + detail,
					reason(detail));
			case TIMEOUT -> throw new CallTimeoutException("no reply from " + callee + ": " + detail);
			case MAILBOX_FULL -> throw new MailboxFullException("the mailbox of " + callee + " is full");
			case FAILED -> throw new IllegalStateException("the call to " + callee + " failed: " + detail);
			default -> throw new IllegalStateException("unexpected answer " + answer.kind());
		};
	}

	/** Rebuilds an exit reason from its kind and text; a crash keeps its description. */
	static ExitReason reason(@Nullable String description) {
		String detail = Objects.requireNonNullElse(description, "");
		int colon = detail.indexOf(':');
		String kind = (colon < 0) ? detail : detail.substring(0, colon);
		return switch (kind.toLowerCase(Locale.ROOT)) {
			case "normal" -> ExitReason.NORMAL;
			case "killed" -> ExitReason.KILLED;
			case "shutdown" -> ExitReason.SHUTDOWN;
			case "noproc" -> ExitReason.NOPROC;
			case "noconnection" -> ExitReason.NOCONNECTION;
			default -> ExitReason.crashed(new RemoteCrashException(detail));
		};
	}

	/** Messages and call requests this node sent to processes of other nodes. */
	long messagesSent() {
		return this.sent.sum();
	}

	/** Messages and call requests that arrived from other nodes for processes of this node. */
	long messagesReceived() {
		return this.received.sum();
	}

	/** An envelope arrived for this node. */
	void receive(Envelope envelope) {
		if (envelope.kind() == Kind.SEND || envelope.kind() == Kind.CALL) {
			this.received.increment();
		}
		switch (envelope.kind()) {
			case SEND -> {
				Object message = envelope.payload();
				if (message != null) {
					this.runtime.send(Pid.of(envelope.pid()), message);
				}
			}
			case CALL -> Thread.ofVirtual().name("rusm-cluster-call").start(() -> answer(envelope));
			case EXIT -> reply(envelope, this.runtime.exit(Pid.of(envelope.pid()), reason(envelope.detail())));
			case SIGNAL_EXIT -> reply(envelope, this.runtime.signalExit(Pid.of(envelope.pid()), reason(envelope.detail())));
			case IS_ALIVE -> reply(envelope, this.runtime.isAlive(Pid.of(envelope.pid())));
			case MONITOR, DEMONITOR, DOWN, LINK, UNLINK, LINK_EXIT -> this.watches.receive(envelope);
			default -> {
				Pending call = this.pending.get(envelope.correlation());
				if (call != null) {
					call.answer().complete(envelope);
				}
			}
		}
	}

	private void reply(Envelope request, boolean outcome) {
		String replyTo = request.replyTo();
		if (replyTo != null) {
			this.backend.deliver(replyTo, answer(request, Kind.REPLY, outcome, null));
		}
	}

	/** Makes a call that arrived from another node, locally, and sends back what came of it. */
	private void answer(Envelope call) {
		String replyTo = call.replyTo();
		Object request = call.payload();
		if (replyTo == null || request == null) {
			return;
		}
		Envelope answer;
		try {
			Object reply = this.runtime.call(Pid.of(call.pid()), request, Duration.ofMillis(call.timeoutMillis()));
			answer = answer(call, Kind.REPLY, reply, null);
		}
		catch (NoProcessException ex) {
			answer = answer(call, Kind.NO_PROCESS, null, null);
		}
		catch (ProcessExitedException ex) {
			answer = answer(call, Kind.EXITED, null, describe(ex.reason()));
		}
		catch (CallTimeoutException ex) {
			answer = answer(call, Kind.TIMEOUT, null, ex.getMessage());
		}
		catch (MailboxFullException ex) {
			answer = answer(call, Kind.MAILBOX_FULL, null, null);
		}
		catch (RuntimeException ex) {
			answer = answer(call, Kind.FAILED, null, ex.toString());
		}
		try {
			try {
				this.backend.deliver(replyTo, answer);
			}
			catch (IllegalArgumentException ex) {
				this.backend.deliver(replyTo, answer(call, Kind.FAILED, null, ex.getMessage()));
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Could not answer a call from node {}", replyTo, ex);
		}
	}

	private static Envelope answer(Envelope call, Kind kind, @Nullable Object payload, @Nullable String detail) {
		return new Envelope(kind, 0, call.correlation(), null, 0, payload, detail);
	}

	/**
	 * A node left: calls waiting on it fail at once, as a call whose callee died, with
	 * {@code noconnection}.
	 */
	void nodeLeft(String node, String name) {
		Envelope lost = new Envelope(Kind.EXITED, 0, 0, null, 0, null,
				describe(ExitReason.NOCONNECTION) + " (node " + name + " left the cluster)");
		this.pending.values().removeIf((call) -> call.node().equals(node) && call.answer().complete(lost));
	}

	private record Pending(String node, CompletableFuture<Envelope> answer) {
	}
}
