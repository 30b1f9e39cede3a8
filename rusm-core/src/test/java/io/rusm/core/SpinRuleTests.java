package io.rusm.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spin-before-park rule on its own: when it lets an owner spin, how long, and how failed spins
 * make it stop.
 */
class SpinRuleTests {

	private static final long QUICK = 3_000;

	@Test
	void oneCarrierNeverSpins() {
		assertThat(SpinRule.canSpin(SpinRule.carriers("1", 2))).isFalse();
		assertThat(SpinRule.canSpin(SpinRule.carriers(null, 1))).isFalse();
		assertThat(SpinRule.canSpin(SpinRule.carriers(null, 2))).isTrue();
		assertThat(SpinRule.canSpin(SpinRule.carriers(" 4 ", 1))).isTrue();
		assertThat(SpinRule.carriers("many", 3)).isEqualTo(3);
	}

	@Test
	void aFreshMailboxDoesNotSpin() {
		assertThat(SpinRule.budget(0)).isZero();
	}

	@Test
	void aQuickParkTeachesTwiceItsLengthCapped() {
		assertThat(SpinRule.budget(SpinRule.woke(0, QUICK))).isEqualTo(2 * QUICK);
		assertThat(SpinRule.budget(SpinRule.woke(0, SpinRule.MAX_NANOS - 1))).isEqualTo(SpinRule.MAX_NANOS);
	}

	@Test
	void aLongParkDropsTheBudget() {
		int learned = SpinRule.woke(0, QUICK);
		assertThat(SpinRule.budget(SpinRule.woke(learned, SpinRule.MAX_NANOS + 1))).isZero();
		assertThat(SpinRule.budget(SpinRule.woke(learned, 60_000_000_000L))).isZero();
	}

	@Test
	void aCatchKeepsTheBudget() {
		int learned = SpinRule.woke(0, QUICK);
		assertThat(SpinRule.caught(learned)).isEqualTo(learned);
	}

	@Test
	void aMissBacksOffTwiceAsLongEachTime() {
		int state = SpinRule.woke(0, QUICK);
		for (int misses = 1; misses <= SpinRule.MAX_STRIKES + 2; misses++) {
			state = SpinRule.missed(state);
			int skipped = 0;
			for (;;) {
				state = SpinRule.woke(state, QUICK);
				if (SpinRule.budget(state) > 0) {
					break;
				}
				skipped++;
			}
			assertThat(skipped).isEqualTo((1 << Math.min(misses, SpinRule.MAX_STRIKES)) - 1);
		}
	}

	@Test
	void catchesForgiveMisses() {
		int state = SpinRule.woke(0, QUICK);
		state = SpinRule.missed(SpinRule.woke(SpinRule.missed(state), QUICK));
		assertThat(SpinRule.strikes(state)).isEqualTo(2);
		for (int i = 0; i < 4; i++) {
			state = SpinRule.woke(state, QUICK);
		}
		state = SpinRule.caught(SpinRule.caught(state));
		assertThat(SpinRule.strikes(state)).isZero();
		assertThat(SpinRule.budget(state)).isEqualTo(2 * QUICK);
	}

	/**
	 * The single-carrier pattern without the carrier check: every spin misses (the peer cannot run
	 * while the owner spins) and every park is short (the peer runs as soon as it does). The time
	 * spent spinning decays to nothing next to the parks.
	 */
	@Test
	void spinsThatAlwaysMissDecayToNothing() {
		int state = 0;
		long spun = 0;
		int receives = 100_000;
		int spinsInLastHalf = 0;
		for (int i = 0; i < receives; i++) {
			int budget = SpinRule.budget(state);
			if (budget > 0) {
				spun += budget;
				spinsInLastHalf += (i >= receives / 2) ? 1 : 0;
				state = SpinRule.missed(state);
			}
			state = SpinRule.woke(state, QUICK);
		}
		assertThat(spun / receives).as("mean nanoseconds spun per receive").isLessThan(20);
		assertThat(spinsInLastHalf).isLessThanOrEqualTo(receives / 2 / (1 << SpinRule.MAX_STRIKES) + 1);
	}
}
