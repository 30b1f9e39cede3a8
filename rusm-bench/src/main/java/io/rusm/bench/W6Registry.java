package io.rusm.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * W6 registry: {@value #NAMES} names, each held by its own idle process. {@code whereis} looks
 * names up from 2 threads (lookups per second, both threads together), each walking the names in
 * order, which keeps the next entries in cache; {@code stridedWhereis} does the same visiting
 * name {@code (i × 7919 + k) mod n} at step {@code i}, so nearly every lookup misses the cache
 * and pays for every object it dereferences; {@code register}
 * registers all of them into an empty registry (nanoseconds per registration; each invocation
 * is 100k registrations, the registry is emptied between invocations, untimed).
 *
 * <p>Pekko's figures are a {@code ConcurrentHashMap} of {@code ActorRef}s, as Pekko users do
 * (the {@code Receptionist} is asynchronous), so they equal the raw baseline's by construction;
 * the dispatcher is not on the path, so Pekko runs with its default one only.
 */
@Fork(value = 3, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class W6Registry {

    /** Registered names. */
    public static final int NAMES = 100_000;

    /** The strided walk's step: a prime, so the walk visits every name once per round. */
    public static final int STRIDE = 7919;

    static String[] names() {
        String[] names = new String[NAMES];
        for (int i = 0; i < NAMES; i++) {
            names[i] = "worker-" + i;
        }
        return names;
    }

    /** Where a lookup thread starts: the threads spread evenly over the names. */
    static int startOf(ThreadParams thread) {
        return (int) ((long) thread.getThreadIndex() * NAMES / Math.max(1, thread.getThreadCount()));
    }

    /** A runtime with every name registered. */
    @State(Scope.Benchmark)
    public static class Registered {
        /** Which peer plays. */
        @Param({"rusm", "pekko", "vt"})
        public String peer;

        final String[] names = names();
        Peer contender;
        Peer.NameTable table;

        /** Spawns the holders and registers their names. */
        @Setup(Level.Trial)
        public void start() {
            contender = Peer.create(peer);
            table = contender.names(names);
            table.registerAll();
        }

        /** Stops the runtime. */
        @TearDown(Level.Trial)
        public void stop() {
            contender.close();
        }
    }

    /** Each lookup thread walks the names from its own starting point. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        /** Places the two threads half the table apart. */
        @Setup(Level.Trial)
        public void place(ThreadParams thread) {
            next = startOf(thread);
        }

        int advance() {
            int i = next;
            next = i + 1 == NAMES ? 0 : i + 1;
            return i;
        }
    }

    /** Each lookup thread visits the names {@value #STRIDE} apart, from its own offset. */
    @State(Scope.Thread)
    public static class Stride {
        int step;
        int offset;

        /** Places the two threads half the table apart. */
        @Setup(Level.Trial)
        public void place(ThreadParams thread) {
            offset = startOf(thread);
        }

        int advance() {
            int i = step;
            step = i + 1 == NAMES ? 0 : i + 1;
            return (int) (((long) i * STRIDE + offset) % NAMES);
        }
    }

    /** A runtime whose holders are spawned but whose names are not registered. */
    @State(Scope.Benchmark)
    public static class Unregistered {
        /** Which peer plays. */
        @Param({"rusm", "pekko", "vt"})
        public String peer;

        Peer contender;
        Peer.NameTable table;

        /** Spawns the holders. */
        @Setup(Level.Trial)
        public void start() {
            contender = Peer.create(peer);
            table = contender.names(names());
        }

        /** Empties the registry before each registration run (not timed). */
        @Setup(Level.Invocation)
        public void clear() {
            table.unregisterAll();
        }

        /** Stops the runtime. */
        @TearDown(Level.Trial)
        public void stop() {
            contender.close();
        }
    }

    /** Looks one name up. */
    @Benchmark
    @Threads(2)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Object whereis(Registered r, Cursor c) {
        return r.table.whereis(r.names[c.advance()]);
    }

    /** Looks one name up, strided: a cache miss nearly every time. */
    @Benchmark
    @Threads(2)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Object stridedWhereis(Registered r, Stride s) {
        return r.table.whereis(r.names[s.advance()]);
    }

    /** Registers every name. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @OperationsPerInvocation(NAMES)
    public void register(Unregistered u) {
        u.table.registerAll();
    }
}
