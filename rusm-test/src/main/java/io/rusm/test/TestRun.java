package io.rusm.test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.rusm.core.ManualClock;
import io.rusm.core.Pid;
import io.rusm.core.Runtime;

/**
 * The rusm state of one test run by {@link RusmExtension}: its clock, its runtime, the probes it
 * was given.
 */
final class TestRun implements AutoCloseable {

	private final ManualClock clock = new ManualClock();

	private final Runtime runtime = Runtime.builder().clock(this.clock).build();

	private final Set<Pid> probes = ConcurrentHashMap.newKeySet();

	Runtime runtime() {
		return this.runtime;
	}

	ManualClock clock() {
		return this.clock;
	}

	TestProbe newProbe() {
		TestProbe probe = TestProbe.spawn(this.runtime);
		this.probes.add(probe.pid());
		return probe;
	}

	/**
	 * Looks for leaks, closes the runtime, and throws if anything leaked.
	 * @throws AssertionError naming what the test left behind
	 */
	void finish() {
		List<String> leaks;
		try {
			leaks = Leaks.settle(this.runtime, this.probes);
			if (!leaks.isEmpty()) {
				this.runtime.shutdown();
			}
		}
		finally {
			close();
		}
		if (!leaks.isEmpty()) {
			throw new AssertionError(Leaks.report(leaks));
		}
	}

	@Override
	public void close() {
		this.runtime.close();
	}
}
