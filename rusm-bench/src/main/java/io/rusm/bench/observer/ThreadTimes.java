package io.rusm.bench.observer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The CPU time of another JVM's threads by kind, read from Linux's {@code /proc/<pid>/task}: what
 * serves requests (the carriers of virtual threads, Tomcat's threads), the JIT compilers, the
 * garbage collector, and the rest. Empty where {@code /proc} is not there.
 */
final class ThreadTimes {

    /** What a thread does, from its name. */
    enum Kind {
        /** Request handling and the application: virtual-thread carriers, Tomcat. */
        SERVING,
        /** The JIT compilers. */
        JIT,
        /** The garbage collector. */
        GC,
        /** Everything else (VM threads, timers). */
        OTHER;

        static Kind of(String name) {
            if (name.startsWith("ForkJoinPool") || name.startsWith("http-nio") || name.startsWith("tomcat")) {
                return SERVING;
            }
            if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                return JIT;
            }
            if (name.startsWith("G1") || name.startsWith("GC ")) {
                return GC;
            }
            return OTHER;
        }
    }

    private final Map<String, Long> ticksByThread;

    private ThreadTimes(Map<String, Long> ticksByThread) {
        this.ticksByThread = ticksByThread;
    }

    /** Reads the CPU time of each thread of a process now. */
    static ThreadTimes of(long pid) {
        Map<String, Long> ticks = new HashMap<>();
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        if (Files.isDirectory(tasks)) {
            try (Stream<Path> threads = Files.list(tasks)) {
                threads.forEach((thread) -> read(thread, ticks));
            }
            catch (IOException ex) {
                ticks.clear();
            }
        }
        return new ThreadTimes(ticks);
    }

    private static void read(Path thread, Map<String, Long> ticks) {
        try {
            String stat = Files.readString(thread.resolve("stat"));
            String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            ticks.put(thread.getFileName() + " " + name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
        }
        catch (IOException | RuntimeException ex) {
            // The thread ended meanwhile: it no longer counts.
        }
    }

    /** The milliseconds of CPU per kind spent since an earlier reading (Linux counts in ticks of 10 ms). */
    Map<Kind, Long> millisSince(ThreadTimes earlier) {
        Map<Kind, Long> millis = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            millis.put(kind, 0L);
        }
        this.ticksByThread.forEach((thread, ticks) -> {
            long used = ticks - earlier.ticksByThread.getOrDefault(thread, 0L);
            millis.merge(Kind.of(thread.substring(thread.indexOf(' ') + 1)), used * 10, Long::sum);
        });
        return millis;
    }
}
