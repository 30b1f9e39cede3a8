package io.rusm.bench.growth;

import io.rusm.core.Runtime;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** Ends a runtime that may still hold a million processes, untimed, between measurements. */
final class Stopping {

    private static final Duration PATIENCE = Duration.ofMinutes(5);

    private Stopping() {
    }

    /**
     * Kills every process, waits until all have ended, then closes the runtime. A plain
     * {@link Runtime#close()} gives up (and logs each survivor) after its default timeout, which a
     * million exits on a loaded 2-core machine can exceed.
     *
     * @param runtime the runtime to end
     * @throws IllegalStateException if processes are still alive after five minutes
     */
    static void stop(Runtime runtime) {
        runtime.shutdown();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (runtime.processCount() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(runtime.processCount() + " processes still alive " + PATIENCE
                        + " after shutdown");
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
        runtime.close();
    }
}
