package io.rusm.core;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lines of the lifecycle logger {@code io.rusm.lifecycle}. The runtime decides, by its
 * {@link LogLevel}, whether a line is wanted before calling here, so a runtime with logging off
 * never builds one.
 */
final class LifecycleLog {

	static final String LOGGER_NAME = "io.rusm.lifecycle";

	/** How many frames of a process still running after shutdown are logged. */
	private static final int STILL_RUNNING_FRAMES = 8;

	private static final Logger logger = LoggerFactory.getLogger(LOGGER_NAME);

	private LifecycleLog() {
	}

	static void spawned(Pid pid, String label) {
		logger.debug("spawn {} ({})", pid, label);
	}

	static void exited(Pid pid, @Nullable String label, ExitReason reason) {
		String who = describe(pid, label);
		switch (LogLevel.forExit(reason)) {
			case ERROR -> logger.error("exit {}: crashed", who, ((ExitReason.Crashed) reason).cause());
			case WARN -> logger.warn("exit {}: {}", who, reason.kind());
			default -> logger.info("exit {}: {}", who, reason.kind());
		}
	}

	static void killed(Pid pid, @Nullable String label) {
		logger.info("kill {}", describe(pid, label));
	}

	static void killedTag(String tag, int count) {
		logger.info("kill-tag {}: {} {}", tag, count, (count == 1) ? "process" : "processes");
	}

	static void census(Map<String, Integer> labels, Map<String, Integer> tags) {
		logger.info("census: {}; tags: {}", format(labels), format(tags));
	}

	static void stillRunning(Pid pid, @Nullable String label, List<StackTraceElement> stack) {
		String at = stack.stream().limit(STILL_RUNNING_FRAMES).map(StackTraceElement::toString)
			.collect(Collectors.joining(" <- "));
		logger.warn("still running after shutdown: {}, at {}", describe(pid, label), at.isEmpty() ? "?" : at);
	}

	static void listenerFailed(Pid pid, RuntimeException ex) {
		logger.warn("Exit listener failed for {}", pid, ex);
	}

	private static String describe(Pid pid, @Nullable String label) {
		return (label != null) ? pid + " (" + label + ")" : pid.toString();
	}

	private static String format(Map<String, Integer> counts) {
		if (counts.isEmpty()) {
			return "none";
		}
		return counts.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + entry.getValue())
			.collect(Collectors.joining(" "));
	}
}
