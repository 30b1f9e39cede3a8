package io.rusm.core;

/**
 * Decides how long a process whose mailbox is empty spins before it parks, from what its own
 * recent waits showed; the state is one {@code int} kept by each mailbox.
 *
 * <p>Parking a virtual thread and unparking it from another carrier costs microseconds, while a
 * peer on another carrier often answers in a fraction of that. Spinning catches such an answer
 * without the hand-off, but only pays when the answer comes while the owner spins: with one
 * carrier the spinner holds the carrier its peer needs, and an idle process would burn a core.
 * So the rule:
 * <ul>
 * <li>never spins when the virtual-thread scheduler has one carrier;</li>
 * <li>starts with no budget: a process spins only after a park that ended within {@link #MAX_NANOS},
 * for twice the time that park lasted (capped), so an idle process never spins and a process
 * woken rarely stops spinning after its first long wait;</li>
 * <li>after a spin that caught nothing, parks and then skips spinning for the next 1, 3, 7 ...
 * 2<sup>k</sup>-1 receives that park and wake quickly ({@code k} the number of recent misses, at
 * most {@link #MAX_STRIKES}), so a spin that
 * keeps failing decays to one attempt every few thousand receives; each spin that catches an item
 * forgives one miss.</li>
 * </ul>
 * A spin never lasts longer than {@link #MAX_NANOS}.
 *
 * <p>State layout: bits 0–15 the budget in nanoseconds, bits 16–19 the recent misses, bits 20–31
 * the quick parks still owed before the next spin.
 */
final class SpinRule {

	/** The longest spin, and the longest park that still teaches the rule to spin. */
	static final int MAX_NANOS = 20_000;

	/** The most recent misses remembered: the longest back-off is 2<sup>10</sup> parks. */
	static final int MAX_STRIKES = 10;

	/** Whether this JVM's virtual threads have more than one carrier to spin on. */
	static final boolean CAN_SPIN = canSpin(carriers());

	private static final int BUDGET_MASK = 0xFFFF;

	private static final int STRIKES_SHIFT = 16;

	private static final int STRIKES_MASK = 0xF;

	private static final int OWED_SHIFT = 20;

	private SpinRule() {
	}

	/** The carriers of the default virtual-thread scheduler, as the JDK sizes it. */
	static int carriers() {
		return carriers(System.getProperty("jdk.virtualThreadScheduler.parallelism"),
				java.lang.Runtime.getRuntime().availableProcessors());
	}

	/** The carriers for a {@code jdk.virtualThreadScheduler.parallelism} value and a processor count. */
	static int carriers(String parallelism, int processors) {
		if (parallelism != null) {
			try {
				return Integer.parseInt(parallelism.trim());
			}
			catch (NumberFormatException ex) {
				return processors;
			}
		}
		return processors;
	}

	/** Whether spinning can pay with this many carriers: a spinner must leave one to its peer. */
	static boolean canSpin(int carriers) {
		return carriers > 1;
	}

	/** Nanoseconds to spin now, 0 for none; only asked when {@link #CAN_SPIN}. */
	static int budget(int state) {
		if (owed(state) > 0) {
			return 0;
		}
		return state & BUDGET_MASK;
	}

	/** The state after a spin that took an item. */
	static int caught(int state) {
		int strikes = strikes(state);
		return strikes == 0 ? state : pack(state & BUDGET_MASK, strikes - 1, 0);
	}

	/** The state after a spin that ran its whole budget and found nothing. */
	static int missed(int state) {
		int strikes = Math.min(MAX_STRIKES, strikes(state) + 1);
		return pack(state & BUDGET_MASK, strikes, 1 << strikes);
	}

	/** The state after the owner parked for {@code nanos} and woke. */
	static int woke(int state, long nanos) {
		if (nanos > MAX_NANOS) {
			return pack(0, strikes(state), owed(state));
		}
		int budget = (int) Math.min(MAX_NANOS, 2 * nanos);
		return pack(budget, strikes(state), Math.max(0, owed(state) - 1));
	}

	static int strikes(int state) {
		return (state >>> STRIKES_SHIFT) & STRIKES_MASK;
	}

	static int owed(int state) {
		return state >>> OWED_SHIFT;
	}

	private static int pack(int budget, int strikes, int owed) {
		return budget | (strikes << STRIKES_SHIFT) | (owed << OWED_SHIFT);
	}
}
