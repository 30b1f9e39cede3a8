package io.rusm.bench.rusm;

import io.rusm.core.ContextPropagator;

/**
 * A context propagator that captures a snapshot for every message and puts it in a thread-local
 * while the receiver handles it: the upper bound of what carrying a trace costs per message.
 */
final class EveryMessagePropagator implements ContextPropagator {

    private static final Object SNAPSHOT = new Object();

    private final ThreadLocal<Object> current = new ThreadLocal<>();

    @Override
    public Object capture() {
        return SNAPSHOT;
    }

    @Override
    public Scope restore(Object snapshot) {
        this.current.set(snapshot);
        return this.current::remove;
    }
}
