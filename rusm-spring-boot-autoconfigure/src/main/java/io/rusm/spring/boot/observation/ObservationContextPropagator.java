package io.rusm.spring.boot.observation;

import java.util.Objects;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.observation.ObservationRegistry;
import io.rusm.core.ContextPropagator;
import org.jspecify.annotations.Nullable;

/**
 * Carries the sender's Micrometer observation (and with it the trace and its MDC entries) with a
 * message: a {@code send}, {@code call} or {@code sendAfter} made inside an observation captures a
 * {@link ContextSnapshot} of the thread's context (every registered thread-local accessor, through
 * {@code io.micrometer:context-propagation}); the receiving process restores it while it handles
 * that message. Outside an observation nothing is captured.
 *
 * @author rusm contributors
 * @since 0.1.0
 */
public final class ObservationContextPropagator implements ContextPropagator {

	private final ObservationRegistry registry;

	private final ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();

	/**
	 * Creates a propagator for the observations of {@code registry}.
	 * @param registry the registry whose current observation decides whether to capture
	 */
	public ObservationContextPropagator(ObservationRegistry registry) {
		this.registry = Objects.requireNonNull(registry, "registry");
	}

	/**
	 * Captures the calling thread's context if it is inside an observation.
	 * @return the snapshot, or {@code null} outside an observation
	 */
	@Override
	public @Nullable Object capture() {
		return (this.registry.getCurrentObservation() != null) ? this.snapshots.captureAll() : null;
	}

	/**
	 * Puts a captured context in place on the receiving process's thread.
	 * @param snapshot a {@link ContextSnapshot} from {@link #capture()}
	 * @return what removes it again
	 */
	@Override
	public Scope restore(Object snapshot) {
		return ((ContextSnapshot) snapshot).setThreadLocals()::close;
	}

}
