package io.rusm.sample.counter;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import io.rusm.core.ExitReason;
import io.rusm.core.Pid;
import io.rusm.core.ProcessExitedException;
import io.rusm.core.Runtime;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The counter API: {@code GET /counter} reads the count, {@code POST /counter/visits}
 * counts a visit and {@code POST /counter/crash} makes the {@link VisitCounter} crash,
 * then reports the incarnation its supervisor started in its place.
 * <p>
 * Crash it more than {@code rusm.supervisor.max-restarts} times within
 * {@code rusm.supervisor.within} and the supervisor gives up: the counter stays down,
 * calls answer {@code 503}, and {@code /actuator/health} reports {@code DOWN}.
 *
 * @author rusm contributors
 * @since 0.1.0
 */
@RestController
@RequestMapping("/counter")
public class CounterController {

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

	private static final Duration RESTART_WAIT = Duration.ofSeconds(5);

	private final Runtime runtime;

	/**
	 * Creates the controller.
	 * @param runtime the runtime the counter runs on
	 */
	public CounterController(Runtime runtime) {
		this.runtime = Objects.requireNonNull(runtime, "runtime");
	}

	/**
	 * Reads the count of the running incarnation.
	 * @return its pid and count
	 */
	@GetMapping
	public VisitCounter.Visits read() {
		return this.runtime.call(VisitCounter.NAME, VisitCounter.Request.READ, CALL_TIMEOUT);
	}

	/**
	 * Counts a visit.
	 * @return the pid and count of the incarnation that counted it
	 */
	@PostMapping("/visits")
	public VisitCounter.Visits visit() {
		return this.runtime.call(VisitCounter.NAME, VisitCounter.Request.VISIT, CALL_TIMEOUT);
	}

	/**
	 * Makes the counter crash and waits (a few seconds at most) for its supervisor to
	 * start a new incarnation under the same name.
	 * @return the crashed pid, how it exited and the pid of the new incarnation, if any
	 * @throws InterruptedException if interrupted while waiting for the restart
	 */
	@PostMapping("/crash")
	public Crash crash() throws InterruptedException {
		Pid crashed = this.runtime.whereis(VisitCounter.NAME)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
					VisitCounter.NAME + " is not running: its supervisor gave up after too many crashes"));
		ExitReason reason;
		try {
			this.runtime.call(crashed, VisitCounter.Request.CRASH, CALL_TIMEOUT);
			throw new IllegalStateException(VisitCounter.NAME + " answered a crash request");
		}
		catch (ProcessExitedException ex) {
			reason = ex.reason();
		}
		Pid restarted = awaitRestart(crashed).orElse(null);
		return new Crash(crashed.toString(), reason.kind(), (restarted != null) ? restarted.toString() : null);
	}

	private Optional<Pid> awaitRestart(Pid crashed) throws InterruptedException {
		long deadline = System.nanoTime() + RESTART_WAIT.toNanos();
		while (System.nanoTime() - deadline < 0) {
			Optional<Pid> current = this.runtime.whereis(VisitCounter.NAME);
			if (current.isPresent() && !current.get().equals(crashed)) {
				return current;
			}
			Thread.sleep(10);
		}
		return Optional.empty();
	}

	/**
	 * The outcome of a crash request.
	 *
	 * @param crashed the pid of the incarnation that crashed
	 * @param reason how it exited: {@code crashed}
	 * @param restarted the pid of the incarnation its supervisor started, or {@code null}
	 * if none came up (the supervisor gave up)
	 * @since 0.1.0
	 */
	public record Crash(String crashed, String reason, @Nullable String restarted) {

	}

}
