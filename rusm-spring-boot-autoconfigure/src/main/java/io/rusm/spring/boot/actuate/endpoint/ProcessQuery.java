package io.rusm.spring.boot.actuate.endpoint;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Collectors;

import io.rusm.core.ProcessInfo;
import org.jspecify.annotations.Nullable;

/**
 * What a caller asks of {@code GET /actuator/rusm/processes}: one page of the live
 * processes, filtered (all filters must match) and sorted.
 *
 * @param limit the most processes on the page, 1 to {@value #MAX_LIMIT}
 * @param offset how many matching processes to skip
 * @param label only processes with this label, or {@code null}
 * @param tag only members of this process group, or {@code null}
 * @param name only the holder of this name, or {@code null}
 * @param sort the sort key
 * @param descending whether the order is descending
 */
record ProcessQuery(int limit, int offset, @Nullable String label, @Nullable String tag, @Nullable String name,
		Sort sort, boolean descending) {

	/** The page size when none is asked for. */
	static final int DEFAULT_LIMIT = 100;

	/** The largest page. */
	static final int MAX_LIMIT = 1000;

	/**
	 * Parses the query parameters of the {@code processes} section.
	 * @param limit the page size, or {@code null} for {@value #DEFAULT_LIMIT}
	 * @param offset the offset, or {@code null} for 0
	 * @param label the label filter, or {@code null}
	 * @param tag the tag filter, or {@code null}
	 * @param name the name filter, or {@code null}
	 * @param sort the sort key, or {@code null} for {@code pid}
	 * @param order {@code asc} or {@code desc}, or {@code null} for {@code asc}
	 * @return the query
	 * @throws org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException
	 * if a value is bad, naming it
	 */
	static ProcessQuery parse(@Nullable String limit, @Nullable String offset, @Nullable String label,
			@Nullable String tag, @Nullable String name, @Nullable String sort, @Nullable String order) {
		return new ProcessQuery(EndpointArguments.integer(limit, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT),
				EndpointArguments.integer(offset, "offset", 0, 0, Integer.MAX_VALUE),
				EndpointArguments.filter(label, "label"), EndpointArguments.filter(tag, "tag"),
				EndpointArguments.filter(name, "name"), Sort.parse(sort), descending(order));
	}

	private static boolean descending(@Nullable String order) {
		if (order == null || order.equals("asc")) {
			return false;
		}
		if (order.equals("desc")) {
			return true;
		}
		throw EndpointArguments.invalid("order must be asc or desc, got " + EndpointArguments.quote(order),
				"Unknown order");
	}

	/**
	 * Returns whether a process passes every filter.
	 * @param info the process
	 * @return whether it matches
	 */
	boolean matches(ProcessInfo info) {
		return (this.label == null || this.label.equals(info.label()))
				&& (this.tag == null || info.tags().contains(this.tag))
				&& (this.name == null || info.names().contains(this.name));
	}

	/**
	 * Returns whether a page can be cut from the pids alone, without describing every
	 * candidate: sorted by pid, and filtered at most by one of tag or name, which the
	 * runtime answers directly.
	 * @return whether the candidates' pids suffice
	 */
	boolean byPidsAlone() {
		return this.sort == Sort.PID && this.label == null && (this.tag == null || this.name == null);
	}

	/**
	 * Returns the order of the page, ties broken by pid so pages never overlap.
	 * @return the comparator
	 */
	Comparator<ProcessInfo> comparator() {
		Comparator<ProcessInfo> ascending = this.sort.comparator.thenComparing(ProcessInfo::pid);
		return this.descending ? ascending.reversed() : ascending;
	}

	/**
	 * A sort key of the process table.
	 */
	enum Sort {

		/** By pid: spawn order. */
		PID("pid", Comparator.comparing(ProcessInfo::pid)),

		/** By label, unlabeled processes last. */
		LABEL("label", Comparator.comparing(ProcessInfo::label, Comparator.nullsLast(Comparator.naturalOrder()))),

		/** By age: oldest first in ascending order. */
		AGE("age", Comparator.comparing(ProcessInfo::startedAt)),

		/** By the number of messages waiting in the mailbox. */
		MAILBOX_DEPTH("mailboxDepth", Comparator.comparingInt(ProcessInfo::mailboxDepth));

		private final String key;

		private final Comparator<ProcessInfo> comparator;

		Sort(String key, Comparator<ProcessInfo> comparator) {
			this.key = key;
			this.comparator = comparator;
		}

		/**
		 * Returns the sort key as a query names it.
		 * @return the key
		 */
		String key() {
			return this.key;
		}

		static Sort parse(@Nullable String key) {
			if (key == null) {
				return PID;
			}
			for (Sort sort : values()) {
				if (sort.key.equals(key)) {
					return sort;
				}
			}
			throw EndpointArguments.invalid("sort must be one of " + keys() + ", got " + EndpointArguments.quote(key),
					"Unknown sort");
		}

		private static String keys() {
			return Arrays.stream(values()).map((sort) -> sort.key).collect(Collectors.joining(", "));
		}

	}

}
