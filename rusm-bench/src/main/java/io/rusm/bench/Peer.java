package io.rusm.bench;

import io.rusm.bench.pekko.PekkoPeer;
import io.rusm.bench.rusm.RusmPeer;
import io.rusm.bench.vt.VtPeer;
import java.util.List;

/**
 * One contender of the suite: a process runtime that can play every workload.
 *
 * <p>A peer owns the runtime it creates (a rusm {@code Runtime}, Pekko actor systems, or the
 * raw virtual-thread table) and releases it in {@link #close()}. Each factory method sets up one
 * workload; a JMH trial (or iteration, for the footprint workloads) uses one peer for one
 * workload.
 */
public interface Peer extends AutoCloseable {

    /** The peer names the suite knows, in table order. */
    List<String> NAMES = List.of("rusm", "pekko", "pekko-2", "vt");

    /**
     * Creates a peer by name.
     *
     * @param name one of {@link #NAMES}, {@code rusm-traced} (rusm carrying a context with every
     *     message) or {@code rusm-hibernating} (rusm whose idle processes hibernate)
     * @return a fresh peer
     * @throws IllegalArgumentException if the name is unknown
     */
    static Peer create(String name) {
        return switch (name) {
            case "rusm" -> new RusmPeer();
            case "rusm-traced" -> RusmPeer.traced();
            case "rusm-hibernating" -> RusmPeer.hibernating();
            case "pekko" -> new PekkoPeer(false);
            case "pekko-2" -> new PekkoPeer(true);
            case "vt" -> new VtPeer();
            default -> throw new IllegalArgumentException("unknown peer '" + name + "', expected one of " + NAMES);
        };
    }

    /**
     * W1: starts a driver that keeps {@code live} children alive; each child tells the driver it
     * is done and exits (or, when {@code monitored}, just exits and the driver notices through a
     * monitor), and the driver replaces it. The storm runs until the peer is closed.
     *
     * @return the counter of replacements the driver has made
     */
    SpawnCounter startStorm(int live, boolean monitored);

    /** W2: two processes that bounce a message. */
    PingPong pingPong();

    /** W3: {@code producers} processes that each send messages to one consumer. */
    FanIn fanIn(int producers);

    /** W4: spawns processes that block in receive. */
    IdleSpawner idleSpawner();

    /** W5: room for {@code capacity} pending timers, all aimed at one idle process. */
    PendingTimers timers(int capacity);

    /** W6: one idle process per name, and a registry to put the names in. */
    NameTable names(String[] names);

    /** Stops every process of this peer and releases its runtime. */
    @Override
    void close();

    /** W2 ping-pong. */
    interface PingPong {
        /** Bounces the ball {@code n} times between the two processes; returns when the last pong is back. */
        void roundTrips(int n);
    }

    /** W3 fan-in. */
    interface FanIn {
        /** Has every producer send {@code perProducer} messages; returns when the consumer has them all. */
        void round(int perProducer);
    }

    /** W4 idle processes. */
    interface IdleSpawner {
        /**
         * Spawns {@code n} processes that each block in receive, and returns once all of them
         * are blocked.
         *
         * @return nanoseconds spent in the spawn calls alone
         */
        long spawnIdle(int n);
    }

    /** W5 pending timers. */
    interface PendingTimers {
        /** Schedules {@code capacity} one-hour timers to the target process, keeping their handles. */
        void scheduleAll();

        /** Cancels every timer {@link #scheduleAll()} scheduled. */
        void cancelAll();
    }

    /** W6 registry. */
    interface NameTable {
        /** Registers every name to its process. */
        void registerAll();

        /** Removes every name. */
        void unregisterAll();

        /** Looks a registered name up; never {@code null} for a registered name. */
        Object whereis(String name);
    }
}
