package io.rusm.spring.boot.actuate.endpoint;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.rusm.spring.boot.exit.ExitRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * A process that exited, from the exit history.
 *
 * @param pid its pid
 * @param status always {@code exited}
 * @param reason {@code normal}, {@code killed}, {@code shutdown}, {@code noproc} or
 * {@code crashed}
 * @param label the label it had, or {@code null}
 * @param names the names it held
 * @param tags the process groups it belonged to
 * @param startedAt when it started
 * @param exitedAt when it exited
 * @param exception what it crashed with, or {@code null}
 * @author rusm contributors
 * @since 0.1.0
 */
public record ExitDescriptor(String pid, String status, String reason, @Nullable String label, List<String> names,
		Set<String> tags, Instant startedAt, Instant exitedAt,
		ExitRecord.@Nullable Crash exception) implements OperationResponseBody {

	static ExitDescriptor of(ExitRecord record) {
		return new ExitDescriptor(record.pid().toString(), "exited", record.reason(), record.label(), record.names(),
				record.tags(), record.startedAt(), record.exitedAt(), record.crash());
	}

}
