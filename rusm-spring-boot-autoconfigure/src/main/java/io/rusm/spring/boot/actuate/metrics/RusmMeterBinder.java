package io.rusm.spring.boot.actuate.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.rusm.core.Runtime;

/**
 * Binds the rusm runtime's numbers to Micrometer: live, spawned and exited processes,
 * dropped messages, pending timers, registered names and the census by label (names in
 * {@link RusmMetricNames}).
 * <p>
 * Every meter reads the runtime when it is measured; nothing is tagged by process group
 * or pid, which are unbounded. Labels are bounded by the application's code, so the
 * census is one gauge per label; the set of labels is refreshed every
 * {@link #CENSUS_REFRESH} by a daemon thread that {@link #close()} stops.
 *
 * @author rusm contributors
 * @since 0.1.0
 */
public final class RusmMeterBinder implements MeterBinder, AutoCloseable {

	/** How often the set of census labels is refreshed. */
	public static final Duration CENSUS_REFRESH = Duration.ofSeconds(1);

	private static final String PROCESSES = "processes";

	private final Runtime runtime;

	private final ExitReasonCounter exits;

	private final List<MultiGauge> censusGauges = new CopyOnWriteArrayList<>();

	private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(
			Thread.ofPlatform().daemon().name("rusm-census-metrics").factory());

	private final AtomicBoolean refreshing = new AtomicBoolean();

	/**
	 * Creates a binder for a runtime.
	 * @param runtime the runtime to measure
	 * @param exits the counter of exits by reason, one of the runtime's exit listeners
	 */
	public RusmMeterBinder(Runtime runtime, ExitReasonCounter exits) {
		this.runtime = Objects.requireNonNull(runtime, "runtime");
		this.exits = Objects.requireNonNull(exits, "exits");
	}

	/**
	 * Registers the rusm meters.
	 * @param registry the registry to bind to
	 */
	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder(RusmMetricNames.PROCESSES_LIVE, this.runtime, Runtime::processCount)
			.description("Processes currently alive")
			.baseUnit(PROCESSES)
			.register(registry);
		FunctionCounter.builder(RusmMetricNames.PROCESSES_SPAWNED, this.runtime, Runtime::spawned)
			.description("Processes spawned since the runtime started")
			.baseUnit(PROCESSES)
			.register(registry);
		for (String reason : ExitReasonCounter.REASONS) {
			FunctionCounter.builder(RusmMetricNames.PROCESSES_EXITED, this.exits, (counter) -> counter.count(reason))
				.description("Processes that exited, by the kind of their exit reason")
				.baseUnit(PROCESSES)
				.tag(RusmMetricNames.REASON, reason)
				.register(registry);
		}
		FunctionCounter.builder(RusmMetricNames.MESSAGES_DROPPED, this.runtime, Runtime::droppedMessages)
			.description("User messages shed because a mailbox was full")
			.baseUnit("messages")
			.register(registry);
		Gauge.builder(RusmMetricNames.TIMERS_PENDING, this.runtime, Runtime::pendingTimers)
			.description("Timers waiting to fire")
			.baseUnit("timers")
			.register(registry);
		Gauge.builder(RusmMetricNames.REGISTRY_NAMES, this.runtime, (runtime) -> runtime.registered().size())
			.description("Names held in the process registry")
			.baseUnit("names")
			.register(registry);
		MultiGauge census = MultiGauge.builder(RusmMetricNames.CENSUS)
			.description("Processes currently alive, by label")
			.baseUnit(PROCESSES)
			.register(registry);
		this.censusGauges.add(census);
		refreshCensus();
		if (this.refreshing.compareAndSet(false, true)) {
			this.refresher.scheduleWithFixedDelay(this::refreshCensus, CENSUS_REFRESH.toMillis(),
					CENSUS_REFRESH.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	/**
	 * Registers a census gauge for every label the runtime currently counts and removes
	 * the gauges of labels it no longer counts.
	 */
	void refreshCensus() {
		List<MultiGauge.Row<?>> rows = this.runtime.census()
			.keySet()
			.stream()
			.<MultiGauge.Row<?>>map((label) -> MultiGauge.Row.of(Tags.of(RusmMetricNames.LABEL, label), this.runtime,
					(runtime) -> runtime.census().getOrDefault(label, 0)))
			.toList();
		for (MultiGauge census : this.censusGauges) {
			census.register(rows, true);
		}
	}

	/**
	 * Stops refreshing the census labels.
	 */
	@Override
	public void close() {
		this.refresher.shutdownNow();
	}

}
