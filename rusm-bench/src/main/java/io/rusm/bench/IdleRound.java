package io.rusm.bench;

/**
 * One round of the idle-process workloads (W4, W9 spawn): a fresh peer with the footprint
 * baselines taken before the first spawn, the spawn itself, and the footprint read with every
 * process still blocked before the peer is closed.
 */
public final class IdleRound {

    private final Peer contender;
    private final Peer.IdleSpawner spawner;
    private final long heapBefore;
    private final long residentBefore;
    private long spawnCallNanos;

    private IdleRound(String peer) {
        contender = Peer.create(peer);
        spawner = contender.idleSpawner();
        heapBefore = Footprint.liveHeapBytes();
        residentBefore = Footprint.residentBytes();
    }

    /**
     * Creates a fresh peer and takes the baselines (live heap after full collections, resident set).
     *
     * @param peer one of {@link Peer#NAMES}
     * @return the round, nothing spawned yet
     */
    public static IdleRound start(String peer) {
        return new IdleRound(peer);
    }

    /**
     * Spawns processes that block in receive and returns once all of them are blocked: the timed part.
     *
     * @param processes how many
     */
    public void spawn(int processes) {
        spawnCallNanos = spawner.spawnIdle(processes);
    }

    /**
     * Reads the footprint with every process still blocked, then closes the peer.
     *
     * @return what the round's processes hold
     */
    public Footprint.Held finish() {
        Footprint.Held held = new Footprint.Held(Footprint.liveHeapBytes() - heapBefore,
                Footprint.residentBytes() - residentBefore, spawnCallNanos / 1e6);
        contender.close();
        return held;
    }
}
