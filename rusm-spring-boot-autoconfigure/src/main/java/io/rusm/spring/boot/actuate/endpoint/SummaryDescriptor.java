package io.rusm.spring.boot.actuate.endpoint;

import java.util.List;
import java.util.Map;

import io.rusm.spring.boot.SingletonStatus;
import io.rusm.spring.boot.exit.ExitReasons;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The summary of the runtime, as answered by {@code GET /actuator/rusm}. Bounded
 * whatever the number of processes: the names, census and process groups hold at most
 * {@value SummaryDescriptor#MAX_ENTRIES} entries each, with their full count beside them.
 *
 * @param processes the number of live processes
 * @param spawned the number of processes spawned since the runtime started
 * @param finished the number of processes that exited
 * @param droppedMessages the number of user messages shed by full mailboxes
 * @param pendingTimers the number of timers waiting to fire
 * @param names the first registered names by name, and the pids holding them
 * @param namesTotal how many names are registered
 * @param census the labels with the most live processes, and their counts
 * @param labelsTotal how many labels are counted
 * @param tags the process groups with the most live members, and their counts
 * @param tagsTotal how many process groups have live members
 * @param singletons the {@code @RusmProcess} singletons
 * @author rusm contributors
 * @since 0.1.0
 */
public record SummaryDescriptor(int processes, long spawned, long finished, long droppedMessages,
		long pendingTimers, Map<String, String> names, int namesTotal, Map<String, Integer> census, int labelsTotal,
		Map<String, Integer> tags, int tagsTotal, List<SingletonDescriptor> singletons) implements OperationResponseBody {

	/** The most entries each of names, census and process groups holds. */
	public static final int MAX_ENTRIES = 100;

	/**
	 * A {@code @RusmProcess} singleton.
	 *
	 * @param name its registered name
	 * @param pid the pid of its current incarnation, or {@code null}
	 * @param status {@code starting}, {@code running}, {@code restarting},
	 * {@code exhausted} or {@code stopped}
	 * @param restarts how many times it was restarted
	 * @param supervisor the pid of its supervisor, or {@code null} before it started
	 * @param lastExit how its last incarnation ended, or {@code null}
	 * @since 0.1.0
	 */
	public record SingletonDescriptor(String name, @Nullable String pid, String status, int restarts,
			@Nullable String supervisor, @Nullable String lastExit) {

		static SingletonDescriptor of(SingletonStatus status) {
			return new SingletonDescriptor(status.name(), (status.pid() != null) ? status.pid().toString() : null,
					status.state().key(), status.restarts(),
					(status.supervisor() != null) ? status.supervisor().toString() : null,
					(status.lastExit() != null) ? ExitReasons.describe(status.lastExit()) : null);
		}

	}

}
