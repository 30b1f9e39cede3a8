package io.rusm.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot of one live process, the analogue of Erlang's {@code process_info/1}.
 *
 * <p>A process that was told to exit (killed, or taken down by a link) but has not ended yet is
 * still described, with {@link State#EXITING} and the time it was told: a body that never blocks
 * cannot be stopped (see {@link Context#checkExit()}), and this is how an operator sees it, with
 * {@link Runtime#stackTrace(Pid)} showing where it is stuck.
 *
 * @param pid the process
 * @param label its observability label, if set
 * @param names the registry names it holds
 * @param tags the process groups it belongs to
 * @param links the processes linked to it
 * @param monitoredBy the processes monitoring it
 * @param mailboxDepth messages not yet received, or {@link #UNTRACKED} ({@code -1}) unless the
 * runtime tracks depth (see {@link #trackedMailboxDepth()})
 * @param trapExit whether it traps exits
 * @param startedAt when it was spawned
 * @param state whether it runs, hibernates, or was told to exit and is still running
 * @param exitingSince when it was told to exit; {@code null} unless {@link State#EXITING}
 * @since 0.1.0
 */
public record ProcessInfo(Pid pid, @Nullable String label, List<String> names, Set<String> tags, Set<Pid> links,
		Set<Pid> monitoredBy, int mailboxDepth, boolean trapExit, Instant startedAt, State state,
		@Nullable Instant exitingSince) {

	/** The {@link #mailboxDepth()} of a process whose runtime does not track mailbox depth. */
	public static final int UNTRACKED = -1;

	/**
	 * Checks the state against the time it began.
	 * @param pid the process
	 * @param label its label
	 * @param names its names
	 * @param tags its tags
	 * @param links its links
	 * @param monitoredBy its monitoring processes
	 * @param mailboxDepth its mailbox depth, or {@link #UNTRACKED}
	 * @param trapExit its trap flag
	 * @param startedAt when it was spawned
	 * @param state its state
	 * @param exitingSince when it was told to exit, exactly when {@code state} is
	 * {@link State#EXITING}
	 */
	public ProcessInfo {
		Objects.requireNonNull(state, "state");
		if ((state == State.EXITING) != (exitingSince != null)) {
			throw new IllegalArgumentException("exitingSince must be set exactly when the state is EXITING, got "
					+ state + " since " + exitingSince);
		}
	}

	/**
	 * Describes a running process, the shape of the first release.
	 * @param pid the process
	 * @param label its label
	 * @param names its names
	 * @param tags its tags
	 * @param links its links
	 * @param monitoredBy its monitoring processes
	 * @param mailboxDepth its mailbox depth, or {@link #UNTRACKED}
	 * @param trapExit its trap flag
	 * @param startedAt when it was spawned
	 */
	public ProcessInfo(Pid pid, @Nullable String label, List<String> names, Set<String> tags, Set<Pid> links,
			Set<Pid> monitoredBy, int mailboxDepth, boolean trapExit, Instant startedAt) {
		this(pid, label, names, tags, links, monitoredBy, mailboxDepth, trapExit, startedAt, State.RUNNING, null);
	}

	/**
	 * The mailbox depth if the runtime tracks it.
	 * @return the depth, or empty when untracked (never a made-up zero)
	 */
	public OptionalInt trackedMailboxDepth() {
		return (this.mailboxDepth != UNTRACKED) ? OptionalInt.of(this.mailboxDepth) : OptionalInt.empty();
	}

	/**
	 * Where a live process stands.
	 */
	public enum State {

		/** Running normally, blocked or not. */
		RUNNING,

		/**
		 * Waiting without a thread after {@link Context#hibernate(ProcessBody)}; the next message or
		 * exit signal wakes it.
		 */
		HIBERNATING,

		/**
		 * Told to exit but not ended yet: it has not reached a blocking call since, or its body is
		 * stuck in code that never checks (see {@link Context#checkExit()}).
		 */
		EXITING

	}
}
