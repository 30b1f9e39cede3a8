package io.rusm.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Counts the spawns of a W1 driver and lets one observer wait for the next batch.
 *
 * <p>The driver (a single process, so a single writer) calls {@link #increment()} once per
 * replacement: a release store and one volatile read, the same few nanoseconds for every peer.
 * The observer (the JMH thread) parks in {@link #await(long)} instead of spinning, so it does not
 * steal one of the machine's two cores from the storm.
 */
public final class SpawnCounter {

    private static final VarHandle COUNT;

    static {
        try {
            COUNT = MethodHandles.lookup().findVarHandle(SpawnCounter.class, "count", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // written and read through COUNT
    private volatile long count;
    private volatile long target = Long.MAX_VALUE;
    private volatile @Nullable Thread waiter;

    /** Records one spawn; called by the driver only. */
    public void increment() {
        long c = (long) COUNT.getOpaque(this) + 1;
        COUNT.setRelease(this, c);
        if (c >= target) {
            target = Long.MAX_VALUE;
            LockSupport.unpark(waiter);
        }
    }

    /** The spawns recorded so far. */
    public long count() {
        return (long) COUNT.getAcquire(this);
    }

    /**
     * Blocks until the driver has recorded {@code n} more spawns. One observer at a time.
     * The driver never stops while observed, so a wake-up missed by one increment is delivered
     * by the next.
     */
    public void await(long n) {
        long goal = count() + n;
        waiter = Thread.currentThread();
        target = goal;
        while (count() < goal) {
            LockSupport.parkNanos(this, 1_000_000L);
        }
    }
}
