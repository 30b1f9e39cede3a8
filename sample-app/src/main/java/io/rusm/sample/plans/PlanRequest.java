package io.rusm.sample.plans;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The body of {@code POST /plans}: {@code {"agents": 3, "workMillis": 5000}}.
 *
 * @param agents how many agents work on the plan, from 1 to {@value #MAX_AGENTS}
 * @param workMillis how long each agent works, in milliseconds, from
 * {@value #MIN_WORK_MILLIS} to {@value #MAX_WORK_MILLIS}
 * @author rusm contributors
 * @since 0.1.0
 */
public record PlanRequest(@Nullable Integer agents, @Nullable Long workMillis) {

	/** The most agents one plan may have. */
	public static final int MAX_AGENTS = 10_000;

	/** The shortest work an agent may be given, in milliseconds. */
	public static final long MIN_WORK_MILLIS = 10;

	/** The longest work an agent may be given, in milliseconds: one hour. */
	public static final long MAX_WORK_MILLIS = 3_600_000;

	/**
	 * Returns the number of agents, validated.
	 * @return the number of agents
	 * @throws ResponseStatusException (400) if it is missing or out of range
	 */
	public int validAgents() {
		if (this.agents == null) {
			throw badRequest("'agents' is required");
		}
		if (this.agents < 1 || this.agents > MAX_AGENTS) {
			throw badRequest("'agents' must be between 1 and " + MAX_AGENTS + ", got " + this.agents);
		}
		return this.agents;
	}

	/**
	 * Returns the work of each agent, validated.
	 * @return how long each agent works
	 * @throws ResponseStatusException (400) if it is missing or out of range
	 */
	public Duration validWork() {
		if (this.workMillis == null) {
			throw badRequest("'workMillis' is required");
		}
		if (this.workMillis < MIN_WORK_MILLIS || this.workMillis > MAX_WORK_MILLIS) {
			throw badRequest("'workMillis' must be between " + MIN_WORK_MILLIS + " and " + MAX_WORK_MILLIS + ", got "
					+ this.workMillis);
		}
		return Duration.ofMillis(this.workMillis);
	}

	private static ResponseStatusException badRequest(String detail) {
		return new ResponseStatusException(HttpStatus.BAD_REQUEST, detail);
	}

}
