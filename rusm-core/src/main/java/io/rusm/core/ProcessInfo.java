package io.rusm.core;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot of one live process, the analogue of Erlang's {@code process_info/1}.
 *
 * @param pid the process
 * @param label its observability label, if set
 * @param names the registry names it holds
 * @param tags the process groups it belongs to
 * @param links the processes linked to it
 * @param monitoredBy the processes monitoring it
 * @param mailboxDepth messages not yet received; always {@code 0} unless the runtime tracks depth
 * @param trapExit whether it traps exits
 * @param startedAt when it was spawned
 * @since 0.1.0
 */
public record ProcessInfo(Pid pid, @Nullable String label, List<String> names, Set<String> tags, Set<Pid> links,
		Set<Pid> monitoredBy, int mailboxDepth, boolean trapExit, Instant startedAt) {
}
