package io.rusm.spring.boot.actuate.endpoint;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

import io.rusm.core.Pid;

/**
 * The first pids of a collection in some order, and the size of the collection: what a page
 * sorted by pid needs, taken in one walk that holds no more than the pids it keeps.
 *
 * @param total how many pids the walk saw
 * @param first the first of them in order, at most as many as were asked for
 */
record PidWindow(int total, List<Pid> first) {

	private static final int INITIAL_CAPACITY = 1024;

	/**
	 * Walks {@code pids} once, keeping the {@code keep} first in {@code order} in a bounded
	 * heap whose top is the last one kept, so each pid past the window costs one comparison.
	 * @param pids the pids, in any order
	 * @param keep how many to keep; at least 1
	 * @param order the order of the window
	 * @return the window
	 */
	static PidWindow first(Collection<Pid> pids, int keep, Comparator<Pid> order) {
		PriorityQueue<Pid> kept = new PriorityQueue<>(Math.min(keep, INITIAL_CAPACITY), order.reversed());
		int total = 0;
		for (Pid pid : pids) {
			total++;
			if (kept.size() < keep) {
				kept.add(pid);
			}
			else if (order.compare(pid, kept.peek()) < 0) {
				kept.poll();
				kept.add(pid);
			}
		}
		List<Pid> first = new ArrayList<>(kept);
		first.sort(order);
		return new PidWindow(total, first);
	}

}
