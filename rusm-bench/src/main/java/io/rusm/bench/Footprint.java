package io.rusm.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Memory readings for the footprint workloads (W4, W5): live heap after full collections, and
 * the process's resident set size.
 */
public final class Footprint {

    private static final Path STATUS = Path.of("/proc/self/status");

    private Footprint() {
    }

    /**
     * What the processes of one round hold, against the baselines taken before its first spawn.
     *
     * @param heapBytes growth of the live heap
     * @param residentBytes growth of the resident set
     * @param spawnCallsMs milliseconds spent in the spawn calls alone
     */
    public record Held(long heapBytes, long residentBytes, double spawnCallsMs) {
    }

    /**
     * Bytes of heap in use after full collections: the smallest of three readings, each taken
     * after {@link System#gc()} (a full, stop-the-world collection with G1's default settings), so
     * that garbage a concurrent phase left behind does not count.
     */
    public static long liveHeapBytes() {
        var memory = ManagementFactory.getMemoryMXBean();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }

    /** The resident set size in bytes ({@code VmRSS} of {@code /proc/self/status}), or -1 where there is none. */
    public static long residentBytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    String kb = line.substring("VmRSS:".length()).replace("kB", "").strip();
                    return Long.parseLong(kb) * 1024;
                }
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
