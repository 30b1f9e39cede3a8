package io.rusm.core;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What an {@link ExitListener} learns about a process that ended.
 *
 * @param pid the process
 * @param label its label at exit, if it had one
 * @param names the registry names it held
 * @param tags the process groups it belonged to
 * @param reason why it ended
 * @param startedAt when it was spawned
 * @param exitedAt when it ended
 * @since 0.1.0
 */
public record ExitEvent(Pid pid, @Nullable String label, List<String> names, Set<String> tags, ExitReason reason,
		Instant startedAt, Instant exitedAt) {
}
