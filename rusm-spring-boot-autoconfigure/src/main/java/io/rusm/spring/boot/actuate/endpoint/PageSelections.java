package io.rusm.spring.boot.actuate.endpoint;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.rusm.core.Pid;
import io.rusm.core.Runtime;
import org.jspecify.annotations.Nullable;

/**
 * Remembers which processes the recent pages cut from the whole process table held, and how
 * many processes matched, so that a page asked for again before the table changed is described
 * afresh (its processes' state and mailbox depth are always current) without walking 100,000
 * processes again. This is what keeps a page that polls the process table (the observer) cheap
 * while nothing spawns or exits.
 * <p>
 * A selection is valid while the runtime's spawn and exit counts are unchanged: the table then
 * holds the same processes, so a page by pid or by age holds the same ones. A page that filters
 * or sorts by label also needs the census unchanged (a process may be relabeled) and is taken
 * again at least every {@value #LABEL_MAX_AGE_SECONDS} seconds. Pages by mailbox depth, which
 * changes with every message, and pages filtered by tag or name, which the runtime's indexes
 * answer without a walk, are never remembered.
 */
final class PageSelections {

	private static final int MAX_SELECTIONS = 64;

	private static final long LABEL_MAX_AGE_SECONDS = 5;

	private static final long LABEL_MAX_AGE_NANOS = Duration.ofSeconds(LABEL_MAX_AGE_SECONDS).toNanos();

	private final Runtime runtime;

	private final ConcurrentMap<ProcessQuery, Selection> selections = new ConcurrentHashMap<>();

	PageSelections(Runtime runtime) {
		this.runtime = runtime;
	}

	/**
	 * Returns whether pages of a query are remembered.
	 * @param query the query
	 * @return whether it walks the whole table and its answer changes only with the table
	 */
	static boolean remembers(ProcessQuery query) {
		return query.tag() == null && query.name() == null && query.sort() != ProcessQuery.Sort.MAILBOX_DEPTH;
	}

	/**
	 * Returns the version of the table a query's page depends on, to be read before the page
	 * is cut: a change after this reading makes the next reading differ.
	 * @param query the query
	 * @return the version
	 */
	Version version(ProcessQuery query) {
		return new Version(this.runtime.spawned(), this.runtime.finished(),
				byLabel(query) ? this.runtime.census() : Map.of(), System.nanoTime());
	}

	/**
	 * Returns the remembered selection of a query if the table has not changed since.
	 * @param query the query
	 * @param now the table's version now
	 * @return the selection, or {@code null}
	 */
	@Nullable Selection find(ProcessQuery query, Version now) {
		Selection selection = this.selections.get(query);
		if (selection == null || !selection.version().sameTable(now)) {
			return null;
		}
		boolean expired = now.takenAt() - selection.version().takenAt() > LABEL_MAX_AGE_NANOS;
		return (byLabel(query) && expired) ? null : selection;
	}

	private static boolean byLabel(ProcessQuery query) {
		return query.label() != null || query.sort() == ProcessQuery.Sort.LABEL;
	}

	/**
	 * Remembers the selection of a query; all are forgotten once {@value #MAX_SELECTIONS} are
	 * remembered (a few queries are polled at a time; the rest were asked for once).
	 * @param query the query
	 * @param selection its page's processes and total
	 */
	void remember(ProcessQuery query, Selection selection) {
		if (this.selections.size() >= MAX_SELECTIONS) {
			this.selections.clear();
		}
		this.selections.put(query, selection);
	}

	/**
	 * What a page's contents depend on: the spawn and exit counts, and the census for pages by
	 * label.
	 *
	 * @param spawned the processes ever spawned
	 * @param finished the processes ever ended
	 * @param census the census, or empty when the page does not depend on labels
	 * @param takenAt when it was read, in {@link System#nanoTime()}
	 */
	record Version(long spawned, long finished, Map<String, Integer> census, long takenAt) {

		boolean sameTable(Version other) {
			return this.spawned == other.spawned && this.finished == other.finished
					&& this.census.equals(other.census);
		}

	}

	/**
	 * The processes on a page, in page order, and how many matched.
	 *
	 * @param version the table's version it was cut from
	 * @param total how many processes matched the query
	 * @param pids the page's processes
	 */
	record Selection(Version version, int total, List<Pid> pids) {

	}

}
