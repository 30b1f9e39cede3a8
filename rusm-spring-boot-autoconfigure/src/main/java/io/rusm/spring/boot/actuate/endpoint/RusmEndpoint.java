package io.rusm.spring.boot.actuate.endpoint;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;

import io.rusm.core.Pid;
import io.rusm.core.ProcessInfo;
import io.rusm.core.Runtime;
import io.rusm.spring.boot.RusmProcessRegistry;
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
 * {@code names/{name}}. An unknown section or kind, a malformed pid, a blank,
 * over-long or control-character id and a bad query value are bad requests; an unknown
 * pid or name is not found. A pid renders as {@code <0.N.0>} and is accepted in a path as
 * that (URL-encoded) or as the bare number {@code N}. A dead pid is answered with its
 * exit record while the exit history remembers it.
 * <p>
 * In cluster mode, {@code /cluster} describes the whole cluster (nodes, global names,
 * census and process groups summed over the nodes) and
 * {@code DELETE /cluster/tags/{tag}} kills a process group on every node; every other
 * section stays local to the answering node. Without cluster mode, {@code cluster} is an
 * unknown section.
 * <p>
 * No answer grows with the number of processes: {@code processes} is paged (see
 * {@link #section}) and the summary holds at most {@value SummaryDescriptor#MAX_ENTRIES}
 * names, labels and process groups. Concurrent identical reads of the summary or of a
 * page share one computation, so many clients polling at once cost one walk of the
 * process table, not one each.
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

	static final String CLUSTER = "cluster";

	private static final String SUMMARY = "summary";

	private static final Comparator<Map.Entry<String, Integer>> LARGEST_FIRST = Map.Entry
		.<String, Integer>comparingByValue(Comparator.reverseOrder())
		.thenComparing(Map.Entry.comparingByKey());

	private final Runtime runtime;

	private final @Nullable ExitRecords exits;

	private final @Nullable RusmProcessRegistry singletons;

	private final ProcessPager pager;

	private final @Nullable ClusterSection cluster;

	private final SharedReads<String, SummaryDescriptor> summaries = new SharedReads<>();

	private final SharedReads<ProcessQuery, ProcessPageDescriptor> pages = new SharedReads<>();

	/**
	 * Creates the endpoint.
	 * @param runtime the runtime to show
	 * @param exits the exit history, or {@code null} if none is kept
	 * @param singletons the registry of {@code @RusmProcess} singletons, or {@code null}
	 */
	public RusmEndpoint(Runtime runtime, @Nullable ExitRecords exits, @Nullable RusmProcessRegistry singletons) {
		this(runtime, exits, singletons, null);
	}

	/**
	 * Creates the endpoint of a node, with the section {@code cluster}.
	 * @param runtime the runtime to show
	 * @param exits the exit history, or {@code null} if none is kept
	 * @param singletons the registry of {@code @RusmProcess} singletons, or {@code null}
	 * @param cluster the cluster-wide view, or {@code null} without cluster mode (then
	 * {@code cluster} is an unknown section)
	 */
	public RusmEndpoint(Runtime runtime, @Nullable ExitRecords exits, @Nullable RusmProcessRegistry singletons,
			@Nullable ClusterSection cluster) {
		this.cluster = cluster;
		this.runtime = Objects.requireNonNull(runtime, "runtime");
		this.exits = exits;
		this.singletons = singletons;
		this.pager = new ProcessPager(runtime);
	}

	/**
	 * Returns the summary of the runtime: counters, the first names, the largest labels
	 * and process groups (with the full count of each), and the singletons. Its own work
	 * grows with the number of names, labels and groups, not with the number of processes
	 * (the runtime keeps live counts per label and per group).
	 * @return the summary
	 */
	@ReadOperation
	public SummaryDescriptor summary() {
		return this.summaries.get(SUMMARY, this::describeSummary);
	}

	private SummaryDescriptor describeSummary() {
		SortedMap<String, Pid> names = this.runtime.registered();
		SortedMap<String, Integer> census = this.runtime.census();
		SortedMap<String, Integer> tags = this.runtime.tagCounts();
		Map<String, String> firstNames = new LinkedHashMap<>();
		names.entrySet()
			.stream()
			.limit(SummaryDescriptor.MAX_ENTRIES)
			.forEach((entry) -> firstNames.put(entry.getKey(), entry.getValue().toString()));
		List<SummaryDescriptor.SingletonDescriptor> singletons = (this.singletons != null)
				? this.singletons.singletons().stream().map(SummaryDescriptor.SingletonDescriptor::of).toList()
				: List.of();
		return new SummaryDescriptor(this.runtime.processCount(), this.runtime.spawned(), this.runtime.finished(),
				this.runtime.droppedMessages(), this.runtime.pendingTimers(), firstNames, names.size(),
				largest(census), census.size(), largest(tags), tags.size(), singletons);
	}

	/**
	 * Returns one section: a page of the live processes, or the census, process groups,
	 * names or recent exits in full.
	 * <p>
	 * The query parameters apply to {@code processes} only: {@code limit} (1 to
	 * {@value ProcessQuery#MAX_LIMIT}, default {@value ProcessQuery#DEFAULT_LIMIT}),
	 * {@code offset} (default 0), the exact-match filters {@code label}, {@code tag} and
	 * {@code name} (combined with AND), {@code sort} ({@code pid}, {@code label},
	 * {@code age} or {@code mailboxDepth}) and {@code order} ({@code asc} or
	 * {@code desc}).
	 * @param section {@code processes}, {@code census}, {@code tags}, {@code names} or
	 * {@code exits}
	 * @param limit the page size, or {@code null}
	 * @param offset how many matching processes to skip, or {@code null}
	 * @param label only processes with this label, or {@code null}
	 * @param tag only members of this process group, or {@code null}
	 * @param name only the holder of this name, or {@code null}
	 * @param sort the sort key, or {@code null} for {@code pid}
	 * @param order {@code asc} or {@code desc}, or {@code null} for {@code asc}
	 * @return the section
	 * @throws InvalidEndpointRequestException if the section is unknown or a query value
	 * is bad
	 */
	@ReadOperation
	public OperationResponseBody section(@Selector String section, @Nullable String limit, @Nullable String offset,
			@Nullable String label, @Nullable String tag, @Nullable String name, @Nullable String sort,
			@Nullable String order) {
		return switch (section) {
			case PROCESSES -> {
				ProcessQuery query = ProcessQuery.parse(limit, offset, label, tag, name, sort, order);
				yield this.pages.get(query, () -> this.pager.page(query));
			}
			case CENSUS -> new CensusDescriptor(this.runtime.census());
			case TAGS -> new TagsDescriptor(this.runtime.tagCounts());
			case NAMES -> new NamesDescriptor(names());
			case EXITS -> new ExitsDescriptor(
					(this.exits != null) ? this.exits.recent().stream().map(ExitDescriptor::of).toList() : List.of());
			case CLUSTER -> requireCluster(section).describe();
			default -> throw unknownSection(section);
		};
	}

	/**
	 * Returns one process, process group or name.
	 * @param kind {@code processes}, {@code tags} or {@code names}
	 * @param id a pid, a tag or a name
	 * @return the process (alive, or its exit record), the members of the group or the
	 * holder of the name; {@code null} for an unknown pid or name
	 * @throws InvalidEndpointRequestException if the kind is unknown or the id is
	 * malformed, blank, over-long or holds a control character
	 */
	@ReadOperation
	public @Nullable OperationResponseBody detail(@Selector String kind, @Selector String id) {
		return switch (kind) {
			case PROCESSES -> process(EndpointArguments.pid(id));
			case TAGS -> {
				String tag = EndpointArguments.id(id, "tag");
				yield new TagDescriptor(tag, this.runtime.whereisTag(tag).stream().sorted().map(Pid::toString).toList());
			}
			case NAMES -> {
				String name = EndpointArguments.id(id, "name");
				yield this.runtime.whereis(name).map((pid) -> new NameDescriptor(name, pid.toString())).orElse(null);
			}
			default -> throw EndpointArguments.invalid("Unknown kind " + EndpointArguments.quote(kind)
					+ "; expected one of processes, tags, names", "Unknown kind");
		};
	}

	/**
	 * Kills a process, or every member of a process group.
	 * @param kind {@code processes} or {@code tags}
	 * @param id a pid or a tag
	 * @return how many were killed; {@code null} for a pid that is not alive
	 * @throws InvalidEndpointRequestException if the kind is unknown or the id is
	 * malformed, blank, over-long or holds a control character
	 */
	@DeleteOperation
	public @Nullable OperationResponseBody kill(@Selector String kind, @Selector String id) {
		return switch (kind) {
			case PROCESSES -> {
				Pid pid = EndpointArguments.pid(id);
				yield this.runtime.kill(pid) ? new ProcessKillDescriptor(pid.toString(), true) : null;
			}
			case TAGS -> {
				String tag = EndpointArguments.id(id, "tag");
				yield new TagKillDescriptor(tag, this.runtime.killTag(tag));
			}
			default -> throw EndpointArguments.invalid("Cannot kill by " + EndpointArguments.quote(kind)
					+ "; expected processes or tags", "Unknown kind");
		};
	}

	/**
	 * Kills the members of a process group on every node of the cluster
	 * ({@code DELETE /actuator/rusm/cluster/tags/{tag}}).
	 * @param scope {@code cluster}
	 * @param kind {@code tags}
	 * @param id the tag
	 * @return how many were killed, summed over the nodes
	 * @throws InvalidEndpointRequestException if cluster mode is off, the scope or kind is
	 * unknown, or the tag is blank, over-long or holds a control character
	 */
	@DeleteOperation
	public OperationResponseBody killInCluster(@Selector String scope, @Selector String kind, @Selector String id) {
		ClusterSection section = requireCluster(scope);
		if (!TAGS.equals(kind)) {
			throw EndpointArguments.invalid("Cannot kill cluster-wide by " + EndpointArguments.quote(kind)
					+ "; expected tags", "Unknown kind");
		}
		String tag = EndpointArguments.id(id, "tag");
		return new TagKillDescriptor(tag, section.killTag(tag));
	}

	private ClusterSection requireCluster(String section) {
		if (this.cluster == null || !CLUSTER.equals(section)) {
			throw unknownSection(section);
		}
		return this.cluster;
	}

	private InvalidEndpointRequestException unknownSection(String section) {
		return EndpointArguments.invalid("Unknown section " + EndpointArguments.quote(section)
				+ "; expected one of processes, census, tags, names, exits" + ((this.cluster != null) ? ", cluster" : ""),
				"Unknown section");
	}

	private @Nullable OperationResponseBody process(Pid pid) {
		Optional<ProcessInfo> info = this.runtime.info(pid);
		if (info.isPresent()) {
			ProcessDescriptor process = ProcessDescriptor.of(info.get());
			return this.runtime.stackTrace(pid).map(process::withStack).orElse(process);
		}
		if (this.exits != null) {
			return this.exits.find(pid).map(ExitDescriptor::of).orElse(null);
		}
		return null;
	}

	private Map<String, String> names() {
		Map<String, String> names = new LinkedHashMap<>();
		this.runtime.registered().forEach((name, pid) -> names.put(name, pid.toString()));
		return names;
	}

	private static Map<String, Integer> largest(SortedMap<String, Integer> counts) {
		Map<String, Integer> largest = new LinkedHashMap<>();
		counts.entrySet()
			.stream()
			.sorted(LARGEST_FIRST)
			.limit(SummaryDescriptor.MAX_ENTRIES)
			.forEach((entry) -> largest.put(entry.getKey(), entry.getValue()));
		return largest;
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
