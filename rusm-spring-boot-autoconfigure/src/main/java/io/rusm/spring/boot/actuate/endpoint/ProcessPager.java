package io.rusm.spring.boot.actuate.endpoint;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;

import io.rusm.core.Pid;
import io.rusm.core.ProcessInfo;
import io.rusm.core.Runtime;

/**
 * Cuts one page of the live processes for a {@link ProcessQuery}, without ever holding
 * more than the page (plus its offset, when sorted by something other than the pid) in
 * memory: the answer stays small however many processes run.
 * <p>
 * The candidates come from the runtime's own indexes where a filter allows (the holder
 * of a name, the members of a process group), else from its process table. Sorted by
 * pid and filtered at most by one index, a page only describes its own processes, and
 * unfiltered it is cut from one walk of the table that keeps only the first
 * {@code offset + limit} pids; otherwise every candidate is described once and only the
 * best {@code offset + limit} are kept. Pages asked for at the same time share one walk, and
 * a page asked for again before the table changed reuses the last walk's selection (see
 * {@link PageSelections}).
 */
final class ProcessPager {

	private static final String TABLE = "table";

	private final Runtime runtime;

	private final SharedReads<String, List<Pid>> tables = new SharedReads<>();

	private final SharedReads<WindowKey, PidWindow> windows = new SharedReads<>();

	private final PageSelections selections;

	ProcessPager(Runtime runtime) {
		this.runtime = runtime;
		this.selections = new PageSelections(runtime);
	}

	ProcessPageDescriptor page(ProcessQuery query) {
		if (!PageSelections.remembers(query)) {
			return describe(query, cut(query));
		}
		PageSelections.Version version = this.selections.version(query);
		PageSelections.Selection known = this.selections.find(query, version);
		if (known != null) {
			return describe(query, new Cut(known.total(), infos(known.pids())));
		}
		Cut cut = cut(query);
		this.selections.remember(query,
				new PageSelections.Selection(version, cut.total(), cut.page().stream().map(ProcessInfo::pid).toList()));
		return describe(query, cut);
	}

	private Cut cut(ProcessQuery query) {
		if (query.byPidsAlone()) {
			PidWindow window = window(query);
			List<Pid> first = window.first();
			return new Cut(window.total(), infos(first.subList(Math.min(query.offset(), first.size()), first.size())));
		}
		if (query.sort() != ProcessQuery.Sort.PID) {
			boolean unfiltered = query.name() == null && query.tag() == null;
			return select(query, unfiltered ? this.runtime.pids() : candidates(query));
		}
		List<Pid> candidates = candidates(query);
		return scan(query, query.descending() ? candidates.reversed() : candidates);
	}

	private List<ProcessInfo> infos(List<Pid> pids) {
		return pids.stream().map(this.runtime::info).flatMap(Optional::stream).toList();
	}

	/**
	 * The first {@code offset + limit} candidates in the query's pid order, and how many there
	 * are. Unfiltered, one walk of the runtime's live view of its table keeps them in a bounded
	 * heap, shared by pages that ask for the same window at the same time; the table is neither
	 * copied nor sorted.
	 */
	private PidWindow window(ProcessQuery query) {
		int keep = (int) Math.min((long) query.offset() + query.limit(), Integer.MAX_VALUE);
		Comparator<Pid> order = query.descending() ? Comparator.reverseOrder() : Comparator.naturalOrder();
		if (query.name() == null && query.tag() == null) {
			return this.windows.get(new WindowKey(keep, query.descending()),
					() -> PidWindow.first(this.runtime.pids(), keep, order));
		}
		return PidWindow.first(candidates(query), keep, order);
	}

	/** Walks the candidates in pid order, keeping the matches that fall on the page. */
	private Cut scan(ProcessQuery query, List<Pid> candidates) {
		long end = (long) query.offset() + query.limit();
		List<ProcessInfo> page = new ArrayList<>();
		int total = 0;
		for (Pid pid : candidates) {
			Optional<ProcessInfo> info = this.runtime.info(pid);
			if (info.isPresent() && query.matches(info.get())) {
				if (total >= query.offset() && total < end) {
					page.add(info.get());
				}
				total++;
			}
		}
		return new Cut(total, page);
	}

	/**
	 * Keeps the best {@code offset + limit} matches in a bounded heap, worst on top; the
	 * candidates may come in any order.
	 */
	private Cut select(ProcessQuery query, Collection<Pid> candidates) {
		Comparator<ProcessInfo> order = query.comparator();
		int keep = (int) Math.min((long) query.offset() + query.limit(), candidates.size());
		PriorityQueue<ProcessInfo> best = new PriorityQueue<>(Math.max(1, keep), order.reversed());
		int total = 0;
		for (Pid pid : candidates) {
			Optional<ProcessInfo> info = this.runtime.info(pid);
			if (info.isPresent() && query.matches(info.get())) {
				total++;
				best.add(info.get());
				if (best.size() > keep) {
					best.poll();
				}
			}
		}
		List<ProcessInfo> sorted = new ArrayList<>(best);
		sorted.sort(order);
		return new Cut(total, sorted.subList(Math.min(query.offset(), sorted.size()), sorted.size()));
	}

	private List<Pid> candidates(ProcessQuery query) {
		if (query.name() != null) {
			return this.runtime.whereis(query.name()).map(List::of).orElse(List.of());
		}
		if (query.tag() != null) {
			List<Pid> members = new ArrayList<>(this.runtime.whereisTag(query.tag()));
			members.sort(Comparator.naturalOrder());
			return members;
		}
		return this.tables.get(TABLE, this.runtime::list);
	}

	private static ProcessPageDescriptor describe(ProcessQuery query, Cut cut) {
		List<ProcessDescriptor> processes = cut.page().stream().map(ProcessDescriptor::of).toList();
		boolean truncated = (long) query.offset() + processes.size() < cut.total();
		return new ProcessPageDescriptor(cut.total(), query.offset(), query.limit(), truncated, processes);
	}

	/** How many processes matched, and those on the page in page order. */
	private record Cut(int total, List<ProcessInfo> page) {
	}

	/** Identifies a window of the unfiltered table: its size and its order. */
	private record WindowKey(int keep, boolean descending) {
	}

}
