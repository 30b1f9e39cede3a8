package io.rusm.spring.boot.actuate.endpoint;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;

import io.rusm.core.Pid;
import io.rusm.core.ProcessInfo;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * A live process, as the {@code rusm} endpoint shows it.
 *
 * @param pid its pid
 * @param status always {@code alive}
 * @param state {@code running}, or {@code exiting} once a kill was staged but the body
 * has not ended yet
 * @param exitingSince when its exit was staged, or {@code null} unless it is exiting
 * @param label its label, or {@code null}
 * @param names the names it holds
 * @param tags the process groups it belongs to, sorted
 * @param links the processes it is linked to, sorted
 * @param monitoredBy the processes monitoring it, sorted
 * @param mailboxDepth the messages waiting in its mailbox, or {@code null} when depth
 * tracking is off (never a false 0)
 * @param trapExit whether it traps exits
 * @param startedAt when it started
 * @param stackTrace its current stack, innermost frame first, at most
 * {@value #STACK_DEPTH} frames, or {@code null} in a page of the process table
 * @author rusm contributors
 * @since 0.1.0
 */
public record ProcessDescriptor(String pid, String status, String state, @Nullable Instant exitingSince,
		@Nullable String label, List<String> names, List<String> tags, List<String> links, List<String> monitoredBy,
		@Nullable Integer mailboxDepth, boolean trapExit, Instant startedAt,
		@Nullable List<String> stackTrace) implements OperationResponseBody {

	/** The most stack frames shown for one process. */
	public static final int STACK_DEPTH = 64;

	/**
	 * Describes a live process without its stack, as a page of the process table shows
	 * it.
	 * @param info the process
	 * @return the description
	 */
	static ProcessDescriptor of(ProcessInfo info) {
		OptionalInt depth = info.trackedMailboxDepth();
		return new ProcessDescriptor(info.pid().toString(), "alive", info.state().name().toLowerCase(Locale.ROOT),
				info.exitingSince(), info.label(), info.names(), info.tags().stream().sorted().toList(),
				pids(info.links()), pids(info.monitoredBy()), depth.isPresent() ? depth.getAsInt() : null,
				info.trapExit(), info.startedAt(), null);
	}

	/**
	 * Returns this description with the process's current stack, at most
	 * {@value #STACK_DEPTH} frames, innermost first.
	 * @param stack the stack of the process's thread
	 * @return the description with its stack
	 */
	ProcessDescriptor withStack(List<StackTraceElement> stack) {
		return new ProcessDescriptor(this.pid, this.status, this.state, this.exitingSince, this.label, this.names,
				this.tags, this.links, this.monitoredBy, this.mailboxDepth, this.trapExit, this.startedAt,
				stack.stream().limit(STACK_DEPTH).map(StackTraceElement::toString).toList());
	}

	private static List<String> pids(Set<Pid> pids) {
		return pids.stream().sorted().map(Pid::toString).toList();
	}

}
