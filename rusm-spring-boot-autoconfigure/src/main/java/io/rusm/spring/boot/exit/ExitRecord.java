package io.rusm.spring.boot.exit;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import io.rusm.core.ExitEvent;
import io.rusm.core.ExitReason;
import io.rusm.core.Pid;
import org.jspecify.annotations.Nullable;

/**
 * How a process ended, as kept by the {@link ExitHistory}.
 *
 * @param pid the pid of the process
 * @param reason the kind of exit: {@code normal}, {@code killed}, {@code shutdown},
 * {@code noproc} or {@code crashed}
 * @param label the label the process had, or {@code null}
 * @param names the names the process held when it exited
 * @param tags the process groups it belonged to when it exited
 * @param startedAt when the process started
 * @param exitedAt when the process exited
 * @param crash what the process crashed with, or {@code null} unless {@code reason} is
 * {@code crashed}
 * @author rusm contributors
 * @since 0.1.0
 */
public record ExitRecord(Pid pid, String reason, @Nullable String label, List<String> names, Set<String> tags,
		Instant startedAt, Instant exitedAt, @Nullable Crash crash) {

	/**
	 * The number of stack frames kept from a crash: enough to see where it happened,
	 * bounded so that the history stays small.
	 */
	public static final int STACK_DEPTH = 10;

	/**
	 * Creates a record from the event the runtime reports when a process exits.
	 * @param event the exit event
	 * @return the record
	 */
	public static ExitRecord of(ExitEvent event) {
		Crash crash = (event.reason() instanceof ExitReason.Crashed crashed) ? Crash.of(crashed.cause()) : null;
		return new ExitRecord(event.pid(), event.reason().kind(), event.label(), List.copyOf(event.names()),
				Set.copyOf(event.tags()), event.startedAt(), event.exitedAt(), crash);
	}

	/**
	 * Returns whether the process crashed.
	 * @return whether the process crashed
	 */
	public boolean crashed() {
		return this.crash != null;
	}

	/**
	 * What a process crashed with: the exception's class, message and the top of its
	 * stack.
	 *
	 * @param exception the exception's class name
	 * @param message the exception's message, or {@code null}
	 * @param stackTrace the top {@value ExitRecord#STACK_DEPTH} frames of its stack
	 * @since 0.1.0
	 */
	public record Crash(String exception, @Nullable String message, List<String> stackTrace) {

		/**
		 * Describes a crash cause.
		 * @param cause what the process crashed with
		 * @return the description
		 */
		public static Crash of(Throwable cause) {
			List<String> frames = Arrays.stream(cause.getStackTrace())
				.limit(STACK_DEPTH)
				.map(StackTraceElement::toString)
				.toList();
			return new Crash(cause.getClass().getName(), cause.getMessage(), frames);
		}

	}

}
