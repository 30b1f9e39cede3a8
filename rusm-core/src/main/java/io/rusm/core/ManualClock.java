package io.rusm.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Virtual time for timers, for tests: a runtime built with
 * {@link Runtime.Builder#clock(ManualClock)} fires {@link Runtime#sendAfter timers} only when
 * {@link #advance(Duration)} moves this clock past their deadline, on the thread that advances it.
 * A 60-second timer is then tested in microseconds, deterministically.
 *
 * <p>Receive timeouts and {@link Context#sleep(Duration)} keep using real time.
 *
 * @since 0.1.0
 */
public final class ManualClock {

	private final AtomicLong nanos = new AtomicLong();

	private final List<TimerService> services = new CopyOnWriteArrayList<>();

	/**
	 * Creates a clock standing at zero.
	 */
	public ManualClock() {
	}

	/**
	 * Moves time forward and fires every timer that became due, in deadline order.
	 * @param duration how far to move; not negative
	 */
	public void advance(Duration duration) {
		long now = this.nanos.addAndGet(Arguments.nanos(Arguments.nonNegative(duration, "duration")));
		for (TimerService service : this.services) {
			service.fireDue(now);
		}
	}

	/**
	 * The current virtual time.
	 * @return nanoseconds since this clock was created, as far as {@link #advance} moved it
	 */
	public long nanoTime() {
		return this.nanos.get();
	}

	void attach(TimerService service) {
		this.services.add(service);
	}

	void detach(TimerService service) {
		this.services.remove(service);
	}
}
