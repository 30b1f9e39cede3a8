package io.rusm.spring.boot.exit;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.rusm.core.ExitEvent;
import io.rusm.core.ExitListener;
import io.rusm.core.Pid;

/**
 * A bounded memory of how processes ended, so that a dead pid can still be explained
 * (by the actuator endpoint) after the runtime forgot it.
 * <p>
 * Fed as the runtime's {@link ExitListener}; records are evicted past the maximum size
 * and after the time to live, whichever comes first. Crashes keep the exception's class,
 * message and the top of its stack.
 *
 * @author rusm contributors
 * @since 0.1.0
 */
public final class ExitHistory implements ExitListener, ExitRecords {

	private static final Comparator<ExitRecord> CRASHES_FIRST_NEWEST_FIRST = Comparator
		.comparing((ExitRecord record) -> !record.crashed())
		.thenComparing(ExitRecord::exitedAt, Comparator.reverseOrder())
		.thenComparing(ExitRecord::pid, Comparator.reverseOrder());

	private final Cache<Pid, ExitRecord> records;

	/**
	 * Creates a history bounded in size and time.
	 * @param maxSize the maximum number of records kept
	 * @param ttl how long a record is kept
	 */
	public ExitHistory(long maxSize, Duration ttl) {
		this(maxSize, ttl, Ticker.systemTicker());
	}

	ExitHistory(long maxSize, Duration ttl, Ticker ticker) {
		Objects.requireNonNull(ttl, "ttl");
		this.records = Caffeine.newBuilder()
			.maximumSize(maxSize)
			.expireAfterWrite(ttl)
			.ticker(ticker)
			.executor(Runnable::run)
			.recordStats()
			.build();
	}

	/**
	 * Records the exit of a process. Called by the runtime on the exiting process's
	 * thread.
	 * @param event the exit event
	 */
	@Override
	public void onExit(ExitEvent event) {
		this.records.put(event.pid(), ExitRecord.of(event));
	}

	@Override
	public Optional<ExitRecord> find(Pid pid) {
		return Optional.ofNullable(this.records.getIfPresent(pid));
	}

	@Override
	public List<ExitRecord> recent() {
		return this.records.asMap().values().stream().sorted(CRASHES_FIRST_NEWEST_FIRST).toList();
	}

	/**
	 * Returns the statistics of the history's cache (hits are look-ups of a dead pid that
	 * found its record, evictions are records dropped for size or age).
	 * @return the cache statistics
	 */
	public CacheStats stats() {
		return this.records.stats();
	}

	/**
	 * Returns the approximate number of records currently kept.
	 * @return the number of records
	 */
	public long size() {
		return this.records.estimatedSize();
	}

}
