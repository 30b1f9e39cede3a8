package io.rusm.bench.endpoint;

import java.util.Arrays;

/**
 * The latencies one client recorded, in nanoseconds; growable, merged for percentiles.
 */
final class Latencies {

    private long[] values = new long[1024];

    private int size;

    void add(long nanos) {
        if (this.size == this.values.length) {
            this.values = Arrays.copyOf(this.values, this.size * 2);
        }
        this.values[this.size++] = nanos;
    }

    int size() {
        return this.size;
    }

    /**
     * Merges the latencies of several clients, sorted.
     *
     * @param all the clients' latencies
     * @return every latency, ascending
     */
    static long[] sorted(Iterable<Latencies> all) {
        int total = 0;
        for (Latencies latencies : all) {
            total += latencies.size;
        }
        long[] merged = new long[total];
        int at = 0;
        for (Latencies latencies : all) {
            System.arraycopy(latencies.values, 0, merged, at, latencies.size);
            at += latencies.size;
        }
        Arrays.sort(merged);
        return merged;
    }

    /**
     * The nearest-rank percentile of sorted latencies.
     *
     * @param sorted latencies, ascending, not empty
     * @param percent from 0 to 100
     * @return the latency at that rank
     */
    static long percentile(long[] sorted, double percent) {
        int rank = (int) Math.ceil(percent / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
