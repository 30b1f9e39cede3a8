package io.rusm.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.locks.LockSupport;

import io.rusm.core.Pid;
import io.rusm.core.ProcessInfo;
import io.rusm.core.Runtime;

/**
 * Finds what a test left behind in its runtime: processes other than its probes, registered
 * names, tags and pending timers.
 */
final class Leaks {

	/** How long processes that are ending anyway (killed a moment before) get to finish. */
	static final Duration GRACE = Duration.ofMillis(500);

	private static final long POLL_NANOS = Duration.ofMillis(5).toNanos();

	private Leaks() {
	}

	/**
	 * Waits up to {@link #GRACE} for the runtime to hold nothing but {@code probes}.
	 * @return what still leaks then, one line per kind; empty if nothing does
	 */
	static List<String> settle(Runtime runtime, Set<Pid> probes) {
		long deadline = System.nanoTime() + GRACE.toNanos();
		List<String> leaks = find(runtime, probes);
		while (!leaks.isEmpty() && System.nanoTime() < deadline) {
			LockSupport.parkNanos(POLL_NANOS);
			leaks = find(runtime, probes);
		}
		return leaks;
	}

	static List<String> find(Runtime runtime, Set<Pid> probes) {
		List<String> leaks = new ArrayList<>();
		List<String> processes = runtime.list()
			.stream()
			.filter((pid) -> !probes.contains(pid))
			.map((pid) -> runtime.info(pid).map(Leaks::describe).orElse(pid.toString()))
			.toList();
		if (!processes.isEmpty()) {
			leaks.add(count(processes.size(), "process", "processes") + ": " + String.join(", ", processes));
		}
		SortedMap<String, Pid> names = runtime.registered();
		if (!names.isEmpty()) {
			leaks.add(count(names.size(), "registered name", "registered names") + ": " + names);
		}
		SortedMap<String, Integer> tags = runtime.tagCounts();
		if (!tags.isEmpty()) {
			leaks.add(count(tags.size(), "tag", "tags") + " (tag=members): " + tags);
		}
		long timers = runtime.pendingTimers();
		if (timers > 0) {
			leaks.add(count(timers, "pending timer", "pending timers"));
		}
		return leaks;
	}

	static String report(List<String> leaks) {
		StringBuilder report = new StringBuilder("The test left these behind in its rusm runtime:");
		for (String leak : leaks) {
			report.append(System.lineSeparator()).append(" - ").append(leak);
		}
		return report.append(System.lineSeparator())
			.append("End what a test starts (kill it, or let it exit), unregister what it registers, "
					+ "and cancel or fire its timers.")
			.toString();
	}

	private static String describe(ProcessInfo info) {
		List<String> details = new ArrayList<>();
		if (info.label() != null) {
			details.add("label " + info.label());
		}
		if (!info.names().isEmpty()) {
			details.add("names " + info.names());
		}
		if (!info.tags().isEmpty()) {
			details.add("tags " + info.tags());
		}
		return details.isEmpty() ? info.pid().toString() : info.pid() + " (" + String.join(", ", details) + ")";
	}

	private static String count(long count, String one, String many) {
		return count + " " + ((count == 1) ? one : many);
	}
}
