package io.rusm.bench.spring;

import java.util.SplittableRandom;

/**
 * The work every W8 variant does per request: add to one of {@value #SLOTS} counters and answer
 * its new value. Not thread-safe: each variant guards it its own way (a process owns it, or a
 * monitor does).
 */
public final class Ledger {

    /** How many counters a ledger holds. */
    public static final int SLOTS = 4096;

    private final long[] slots = new long[SLOTS];

    /**
     * Applies one request.
     *
     * @param add the request
     * @return the counter's new value
     */
    public long add(Add add) {
        return this.slots[add.slot()] += add.amount();
    }

    /**
     * Requests to random slots, preallocated so that a benchmark allocates none of its own.
     *
     * @param count how many
     * @param seed the random seed
     * @return the requests
     */
    public static Add[] randomRequests(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Add[] requests = new Add[count];
        for (int i = 0; i < count; i++) {
            requests[i] = new Add(random.nextInt(SLOTS), 1 + random.nextInt(1000));
        }
        return requests;
    }
}
