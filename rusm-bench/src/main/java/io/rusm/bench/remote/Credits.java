package io.rusm.bench.remote;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The flow-control window of the send workload: a sender takes one credit per message and the
 * receiver gives back {@link #ACK_EVERY} credits with each acknowledgement, so at most
 * {@link #WINDOW} messages are in flight and the score counts delivered messages, not queued ones.
 * The window stays below Pekko's outbound queue (3072 messages by default), which drops what does
 * not fit.
 */
final class Credits {

    /** Messages a receiver counts before it acknowledges them in one message. */
    static final int ACK_EVERY = 250;

    /** Messages in flight at most (sent, not yet acknowledged). */
    static final int WINDOW = 8 * ACK_EVERY;

    /** How long a sender waits for an acknowledgement before it calls messages lost. */
    private static final long LOST_AFTER_SECONDS = 30;

    private final Semaphore available = new Semaphore(WINDOW);

    /**
     * Sends {@code n} messages with {@code sendOne}, each once it has its credit, and returns once
     * the receiver has acknowledged them all.
     *
     * @param n a positive multiple of {@link #ACK_EVERY} (the receiver acknowledges in groups)
     * @throws IllegalArgumentException if {@code n} is not
     */
    void sendAll(int n, Runnable sendOne) {
        if (n <= 0 || n % ACK_EVERY != 0) {
            throw new IllegalArgumentException("a batch of sends must be a positive multiple of " + ACK_EVERY
                    + " messages (the receiver acknowledges them in groups), got " + n);
        }
        for (int i = 0; i < n; i++) {
            take(1);
            sendOne.run();
        }
        awaitAllAcknowledged();
    }

    /** Waits until every message sent has been acknowledged. */
    private void awaitAllAcknowledged() {
        take(WINDOW);
        available.release(WINDOW);
    }

    /** An acknowledgement of {@code count} messages arrived. */
    void acknowledged(int count) {
        available.release(count);
    }

    private void take(int permits) {
        try {
            if (!available.tryAcquire(permits, LOST_AFTER_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no acknowledgement for " + LOST_AFTER_SECONDS
                        + " s: messages were lost or the receiver is gone");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for acknowledgements", e);
        }
    }
}
