package io.rusm.bench.endpoint;

import io.rusm.core.ProcessBody;
import io.rusm.core.Runtime;
import io.rusm.core.SpawnOptions;

/**
 * The live processes the endpoint measurements run against: each carries one of
 * {@value #LABELS} labels and belongs to one of {@value #TAGS} process groups, and the first
 * {@value #NAMES} hold a registered name, so that every part of the summary (names, census,
 * process groups) has real content.
 */
public final class Population {

    /** Distinct labels of the unnamed processes (the named ones share one more, {@code named}). */
    public static final int LABELS = 20;

    /** Distinct process groups; process {@code i} belongs to {@code group-(i mod TAGS)}. */
    public static final int TAGS = 1_000;

    /** Processes holding a registered name, {@code name-0} onwards. */
    public static final int NAMES = 500;

    private Population() {
    }

    /**
     * Spawns the processes.
     *
     * @param runtime where to spawn them
     * @param processes how many
     * @param body what each of them runs; it should block until the measurement is over
     */
    public static void spawn(Runtime runtime, int processes, ProcessBody body) {
        for (int i = 0; i < processes; i++) {
            SpawnOptions spawn = (i < NAMES)
                    ? SpawnOptions.builder().name("name-" + i).label("named").tags("group-" + (i % TAGS)).build()
                    : SpawnOptions.builder().label("label-" + (i % LABELS)).tags("group-" + (i % TAGS)).build();
            runtime.spawn(spawn, body);
        }
    }
}
