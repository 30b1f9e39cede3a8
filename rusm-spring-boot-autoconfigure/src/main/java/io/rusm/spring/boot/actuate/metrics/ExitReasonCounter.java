package io.rusm.spring.boot.actuate.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.rusm.core.ExitEvent;
import io.rusm.core.ExitListener;
import io.rusm.core.ExitReason;

/**
 * Counts process exits by the kind of their reason, for the
 * {@value RusmMetricNames#PROCESSES_EXITED} counter. Fed as one of the runtime's
 * {@link ExitListener}s; an add to a {@link LongAdder}, so it never slows an exit down.
 *
 * @author rusm contributors
 * @since 0.1.0
 */
public final class ExitReasonCounter implements ExitListener {

	/** The kinds of exit reason, the values of the {@code reason} tag. */
	public static final List<String> REASONS = List.of(ExitReason.NORMAL.kind(), ExitReason.KILLED.kind(),
			ExitReason.SHUTDOWN.kind(), ExitReason.NOPROC.kind(), ExitReason.NOCONNECTION.kind(), "crashed");

	private final Map<String, LongAdder> counts = REASONS.stream()
		.collect(Collectors.toUnmodifiableMap(Function.identity(), (reason) -> new LongAdder()));

	/**
	 * Counts an exit.
	 * @param event the exit event
	 */
	@Override
	public void onExit(ExitEvent event) {
		LongAdder count = this.counts.get(event.reason().kind());
		if (count != null) {
			count.increment();
		}
	}

	/**
	 * Returns how many processes exited for a kind of reason.
	 * @param reason one of {@link #REASONS}
	 * @return the count, zero for an unknown kind
	 */
	public long count(String reason) {
		LongAdder count = this.counts.get(reason);
		return (count != null) ? count.sum() : 0;
	}

}
