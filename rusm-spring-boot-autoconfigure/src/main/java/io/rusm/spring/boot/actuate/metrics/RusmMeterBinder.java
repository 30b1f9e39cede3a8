package io.rusm.spring.boot.actuate.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

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
 * census is one gauge per label. The set of labels is re-read on scrape, with no thread
 * of its own: measuring {@value RusmMetricNames#PROCESSES_LIVE} registers the gauges of
 * new labels and removes those of labels gone, so they show from that scrape (or the
 * next, depending on the registry) on.
 *
 * @author rusm contributors
 * @since 0.1.0
 */
public final class RusmMeterBinder implements MeterBinder {

	private static final String PROCESSES = "processes";

	private final Runtime runtime;

	private final ExitReasonCounter exits;

	private final List<MultiGauge> censusGauges = new ArrayList<>();

	private final Object censusLock = new Object();

	private Set<String> censusLabels = Set.of();

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
		Gauge.builder(RusmMetricNames.PROCESSES_LIVE, this, RusmMeterBinder::liveProcesses)
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
		synchronized (this.censusLock) {
			this.censusGauges.add(census);
			register(census, this.censusLabels);
		}
		refreshCensus();
	}

	private double liveProcesses() {
		refreshCensus();
		return this.runtime.processCount();
	}

	/**
	 * Registers a census gauge for every label the runtime currently counts and removes
	 * the gauges of labels it no longer counts, if the set of labels changed.
	 */
	private void refreshCensus() {
		Set<String> labels = this.runtime.census().keySet();
		synchronized (this.censusLock) {
			if (labels.equals(this.censusLabels)) {
				return;
			}
			this.censusLabels = Set.copyOf(labels);
			for (MultiGauge census : this.censusGauges) {
				register(census, this.censusLabels);
			}
		}
	}

	private void register(MultiGauge census, Set<String> labels) {
		List<MultiGauge.Row<?>> rows = labels.stream()
			.<MultiGauge.Row<?>>map((label) -> MultiGauge.Row.of(Tags.of(RusmMetricNames.LABEL, label), this.runtime,
					(runtime) -> runtime.census().getOrDefault(label, 0)))
			.toList();
		census.register(rows, true);
	}

}
