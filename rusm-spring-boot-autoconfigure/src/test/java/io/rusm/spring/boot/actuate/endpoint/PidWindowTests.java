package io.rusm.spring.boot.actuate.endpoint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import io.rusm.core.Pid;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PidWindow}: the bounded walk keeps exactly what sorting everything and
 * taking the first would.
 */
class PidWindowTests {

	@Test
	void keepsTheFirstPidsOfAShuffledTableInEitherOrder() {
		Random random = new Random(42);
		List<Pid> pids = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			pids.add(Pid.of(random.nextInt(3), random.nextLong(1, 1_000_000)));
		}
		pids = pids.stream().distinct().toList();
		List<Pid> shuffled = new ArrayList<>(pids);
		Collections.shuffle(shuffled, random);
		for (Comparator<Pid> order : List.of(Comparator.<Pid>naturalOrder(), Comparator.<Pid>reverseOrder())) {
			List<Pid> sorted = pids.stream().sorted(order).toList();
			for (int keep : new int[] { 1, 2, 100, pids.size() - 1, pids.size(), pids.size() + 7, Integer.MAX_VALUE }) {
				PidWindow window = PidWindow.first(shuffled, keep, order);
				assertThat(window.total()).isEqualTo(pids.size());
				assertThat(window.first()).as("keep %d", keep)
					.containsExactlyElementsOf(sorted.subList(0, Math.min(keep, sorted.size())));
			}
		}
	}

	@Test
	void anEmptyTableGivesAnEmptyWindow() {
		PidWindow window = PidWindow.first(List.of(), 100, Comparator.naturalOrder());
		assertThat(window.total()).isZero();
		assertThat(window.first()).isEmpty();
	}

}
