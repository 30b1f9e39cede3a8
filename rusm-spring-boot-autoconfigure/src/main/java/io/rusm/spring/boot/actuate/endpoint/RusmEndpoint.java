package io.rusm.spring.boot.actuate.endpoint;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import io.rusm.core.ExitReason;
import io.rusm.core.Pid;
import io.rusm.core.ProcessInfo;
import io.rusm.core.Runtime;
import io.rusm.spring.boot.RusmProcessRegistry;
import io.rusm.spring.boot.SingletonStatus;
import io.rusm.spring.boot.exit.ExitRecord;
import io.rusm.spring.boot.exit.ExitRecords;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code rusm} actuator endpoint: the state of the runtime, its processes, names,
 * process groups, census and recent exits, and (once access is unrestricted) the killing
 * of a process or of a whole process group.
 * <p>
 * Paths under {@code /actuator/rusm}: none for the summary; {@code /{section}} for one of
 * {@code processes}, {@code census}, {@code tags}, {@code names} and {@code exits};
 * {@code /{kind}/{id}} for {@code processes/{pid}}, {@code tags/{tag}} and
 * {@code names/{name}}. An unknown section or kind is a bad request; an unknown pid or
 * name is not found. A pid renders as {@code <0.N.0>} and is accepted in a path as that
 * (URL-encoded) or as the bare number {@code N}. A dead pid is answered with its exit
 * record while the exit history remembers it.
 * <p>
 * Read-only by default: killing needs {@code management.endpoint.rusm.access=unrestricted}.
 *
 * @author rusm contributors
 * @since 0.1.0
 */
@Endpoint(id = "rusm", defaultAccess = Access.READ_ONLY)
public class RusmEndpoint {

	static final String PROCESSES = "processes";

	static final String CENSUS = "census";

	static final String TAGS = "tags";

	static final String NAMES = "names";

	static final String EXITS = "exits";

	private final Runtime runtime;

	private final @Nullable ExitRecords exits;

	private final @Nullable RusmProcessRegistry singletons;

	/**
	 * Creates the endpoint.
	 * @param runtime the runtime to show
	 * @param exits the exit history, or {@code null} if none is kept
	 * @param singletons the registry of {@code @RusmProcess} singletons, or {@code null}
	 */
	public RusmEndpoint(Runtime runtime, @Nullable ExitRecords exits, @Nullable RusmProcessRegistry singletons) {
		this.runtime = Objects.requireNonNull(runtime, "runtime");
		this.exits = exits;
		this.singletons = singletons;
	}

	/**
	 * Returns the summary of the runtime: counters, names, census, process groups and
	 * singletons.
	 * @return the summary
	 */
	@ReadOperation
	public SummaryDescriptor summary() {
		List<SingletonDescriptor> singletons = (this.singletons != null)
				? this.singletons.singletons().stream().map(SingletonDescriptor::of).toList() : List.of();
		return new SummaryDescriptor(this.runtime.processCount(), this.runtime.spawned(), this.runtime.finished(),
				this.runtime.droppedMessages(), this.runtime.pendingTimers(), names(), this.runtime.census(),
				this.runtime.tagCounts(), singletons);
	}

	/**
	 * Returns one section of the summary in full.
	 * @param section {@code processes}, {@code census}, {@code tags}, {@code names} or
	 * {@code exits}
	 * @return the section
	 * @throws InvalidEndpointRequestException if the section is unknown
	 */
	@ReadOperation
	public OperationResponseBody section(@Selector String section) {
		return switch (section) {
			case PROCESSES -> new ProcessesDescriptor(this.runtime.list()
				.stream()
				.map(this.runtime::info)
				.flatMap(Optional::stream)
				.map(ProcessDescriptor::of)
				.toList());
			case CENSUS -> new CensusDescriptor(this.runtime.census());
			case TAGS -> new TagsDescriptor(this.runtime.tagCounts());
			case NAMES -> new NamesDescriptor(names());
			case EXITS -> new ExitsDescriptor(
					(this.exits != null) ? this.exits.recent().stream().map(ExitDescriptor::of).toList() : List.of());
			default -> throw new InvalidEndpointRequestException("Unknown section '" + section
					+ "'; expected one of processes, census, tags, names, exits", "Unknown section");
		};
	}

	/**
	 * Returns one process, process group or name.
	 * @param kind {@code processes}, {@code tags} or {@code names}
	 * @param id a pid, a tag or a name
	 * @return the process (alive, or its exit record), the members of the group or the
	 * holder of the name; {@code null} for an unknown pid or name
	 * @throws InvalidEndpointRequestException if the kind is unknown or the pid is
	 * malformed
	 */
	@ReadOperation
	public @Nullable OperationResponseBody detail(@Selector String kind, @Selector String id) {
		return switch (kind) {
			case PROCESSES -> process(parsePid(id));
			case TAGS -> new TagDescriptor(id, this.runtime.whereisTag(id).stream().map(Pid::toString).toList());
			case NAMES -> this.runtime.whereis(id).map((pid) -> new NameDescriptor(id, pid.toString())).orElse(null);
			default -> throw new InvalidEndpointRequestException(
					"Unknown kind '" + kind + "'; expected one of processes, tags, names", "Unknown kind");
		};
	}

	/**
	 * Kills a process, or every member of a process group.
	 * @param kind {@code processes} or {@code tags}
	 * @param id a pid or a tag
	 * @return how many were killed; {@code null} for a pid that is not alive
	 * @throws InvalidEndpointRequestException if the kind is unknown or the pid is
	 * malformed
	 */
	@DeleteOperation
	public @Nullable OperationResponseBody kill(@Selector String kind, @Selector String id) {
		return switch (kind) {
			case PROCESSES -> {
				Pid pid = parsePid(id);
				yield this.runtime.kill(pid) ? new ProcessKillDescriptor(pid.toString(), true) : null;
			}
			case TAGS -> new TagKillDescriptor(id, this.runtime.killTag(id));
			default -> throw new InvalidEndpointRequestException(
					"Cannot kill by '" + kind + "'; expected processes or tags", "Unknown kind");
		};
	}

	private @Nullable OperationResponseBody process(Pid pid) {
		Optional<ProcessInfo> info = this.runtime.info(pid);
		if (info.isPresent()) {
			return ProcessDescriptor.of(info.get());
		}
		if (this.exits != null) {
			return this.exits.find(pid).map(ExitDescriptor::of).orElse(null);
		}
		return null;
	}

	private Map<String, String> names() {
		Map<String, String> names = new TreeMap<>();
		this.runtime.registered().forEach((name, pid) -> names.put(name, pid.toString()));
		return names;
	}

	private static Pid parsePid(String id) {
		try {
			return Pid.parse(id);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidEndpointRequestException(ex.getMessage(), "Malformed pid", ex);
		}
	}

	/**
	 * The summary of the runtime.
	 *
	 * @param processes the number of live processes
	 * @param spawned the number of processes spawned since the runtime started
	 * @param finished the number of processes that exited
	 * @param droppedMessages the number of user messages shed by full mailboxes
	 * @param pendingTimers the number of timers waiting to fire
	 * @param names the registered names and the pids holding them
	 * @param census the number of live processes per label
	 * @param tags the number of live processes per process group
	 * @param singletons the {@code @RusmProcess} singletons
	 * @since 0.1.0
	 */
	public record SummaryDescriptor(int processes, long spawned, long finished, long droppedMessages,
			long pendingTimers, Map<String, String> names, Map<String, Integer> census, Map<String, Integer> tags,
			List<SingletonDescriptor> singletons) implements OperationResponseBody {

	}

	/**
	 * A {@code @RusmProcess} singleton.
	 *
	 * @param name its registered name
	 * @param pid the pid of its current incarnation, or {@code null}
	 * @param status {@code running}, {@code exited}, {@code exhausted}, {@code stopped} or
	 * {@code shared}
	 * @param restarts how many times it was restarted
	 * @param lastExit how its last incarnation ended, or {@code null}
	 * @since 0.1.0
	 */
	public record SingletonDescriptor(String name, @Nullable String pid, String status, int restarts,
			@Nullable String lastExit) {

		static SingletonDescriptor of(SingletonStatus status) {
			ExitReason lastExit = status.lastExit();
			return new SingletonDescriptor(status.name(), (status.pid() != null) ? status.pid().toString() : null,
					status.state().name().toLowerCase(Locale.ROOT), status.restarts(),
					(lastExit != null) ? describe(lastExit) : null);
		}

		private static String describe(ExitReason reason) {
			if (reason instanceof ExitReason.Crashed crashed) {
				return "crashed: " + crashed.cause();
			}
			return reason.kind();
		}

	}

	/**
	 * The live processes.
	 *
	 * @param processes every live process
	 * @since 0.1.0
	 */
	public record ProcessesDescriptor(List<ProcessDescriptor> processes) implements OperationResponseBody {

	}

	/**
	 * A live process.
	 *
	 * @param pid its pid
	 * @param status always {@code alive}
	 * @param label its label, or {@code null}
	 * @param names the names it holds
	 * @param tags the process groups it belongs to
	 * @param links the processes it is linked to
	 * @param monitoredBy the processes monitoring it
	 * @param mailboxDepth the messages waiting in its mailbox (0 unless depth tracking is
	 * on)
	 * @param trapExit whether it traps exits
	 * @param startedAt when it started
	 * @since 0.1.0
	 */
	public record ProcessDescriptor(String pid, String status, @Nullable String label, List<String> names,
			Set<String> tags, List<String> links, List<String> monitoredBy, int mailboxDepth, boolean trapExit,
			Instant startedAt) implements OperationResponseBody {

		static ProcessDescriptor of(ProcessInfo info) {
			return new ProcessDescriptor(info.pid().toString(), "alive", info.label(), info.names(), info.tags(),
					info.links().stream().sorted().map(Pid::toString).toList(),
					info.monitoredBy().stream().sorted().map(Pid::toString).toList(), info.mailboxDepth(),
					info.trapExit(), info.startedAt());
		}

	}

	/**
	 * A process that exited, from the exit history.
	 *
	 * @param pid its pid
	 * @param status always {@code exited}
	 * @param reason {@code normal}, {@code killed}, {@code shutdown}, {@code noproc} or
	 * {@code crashed}
	 * @param label the label it had, or {@code null}
	 * @param names the names it held
	 * @param tags the process groups it belonged to
	 * @param startedAt when it started
	 * @param exitedAt when it exited
	 * @param exception what it crashed with, or {@code null}
	 * @since 0.1.0
	 */
	public record ExitDescriptor(String pid, String status, String reason, @Nullable String label,
			List<String> names, Set<String> tags, Instant startedAt, Instant exitedAt,
			ExitRecord.@Nullable Crash exception) implements OperationResponseBody {

		static ExitDescriptor of(ExitRecord record) {
			return new ExitDescriptor(record.pid().toString(), "exited", record.reason(), record.label(),
					record.names(), record.tags(), record.startedAt(), record.exitedAt(), record.crash());
		}

	}

	/**
	 * The census: live processes per label.
	 *
	 * @param census the number of live processes per label
	 * @since 0.1.0
	 */
	public record CensusDescriptor(Map<String, Integer> census) implements OperationResponseBody {

	}

	/**
	 * The process groups: live members per tag.
	 *
	 * @param tags the number of live members per tag
	 * @since 0.1.0
	 */
	public record TagsDescriptor(Map<String, Integer> tags) implements OperationResponseBody {

	}

	/**
	 * The name registry.
	 *
	 * @param names the registered names and the pids holding them
	 * @since 0.1.0
	 */
	public record NamesDescriptor(Map<String, String> names) implements OperationResponseBody {

	}

	/**
	 * The recent exits, crashes first.
	 *
	 * @param exits the remembered exits
	 * @since 0.1.0
	 */
	public record ExitsDescriptor(List<ExitDescriptor> exits) implements OperationResponseBody {

	}

	/**
	 * The members of a process group.
	 *
	 * @param tag the tag
	 * @param members the pids of its live members; empty for an unknown tag
	 * @since 0.1.0
	 */
	public record TagDescriptor(String tag, List<String> members) implements OperationResponseBody {

	}

	/**
	 * The holder of a registered name.
	 *
	 * @param name the name
	 * @param pid the pid holding it
	 * @since 0.1.0
	 */
	public record NameDescriptor(String name, String pid) implements OperationResponseBody {

	}

	/**
	 * The outcome of killing a process group.
	 *
	 * @param tag the tag
	 * @param killed how many members were killed
	 * @since 0.1.0
	 */
	public record TagKillDescriptor(String tag, int killed) implements OperationResponseBody {

	}

	/**
	 * The outcome of killing a process.
	 *
	 * @param pid the pid
	 * @param killed always {@code true}: an unknown pid is not found instead
	 * @since 0.1.0
	 */
	public record ProcessKillDescriptor(String pid, boolean killed) implements OperationResponseBody {

	}

}
