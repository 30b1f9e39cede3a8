package io.rusm.bench;

import java.util.concurrent.CountDownLatch;

/** Waiting helper shared by the peers. */
public final class Latches {

    private Latches() {
    }

    /**
     * Waits for the latch to open.
     *
     * @throws IllegalStateException if the waiting thread is interrupted (its flag stays set)
     */
    public static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for processes", e);
        }
    }
}
