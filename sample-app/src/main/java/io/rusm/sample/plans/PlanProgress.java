package io.rusm.sample.plans;

/**
 * The progress of a plan as the {@link PlanTracker} counts it.
 *
 * @param id the id of the plan
 * @param status whether it runs, completed or was cancelled
 * @param agents how many agents work on it
 * @param stepsPerAgent how many steps each agent works
 * @param completedSteps how many steps its agents finished, together
 * @param finishedAgents how many agents finished all their steps
 * @param stoppedAgents how many agents were killed by a cancellation
 * @author rusm contributors
 * @since 0.1.0
 */
public record PlanProgress(long id, Status status, int agents, int stepsPerAgent, int completedSteps,
		int finishedAgents, int stoppedAgents) {

	/**
	 * Returns the number of steps of the whole plan.
	 * @return {@code agents * stepsPerAgent}
	 */
	public int totalSteps() {
		return this.agents * this.stepsPerAgent;
	}

	/**
	 * What a plan is doing.
	 *
	 * @since 0.1.0
	 */
	public enum Status {

		/** Its agents are working. */
		RUNNING,

		/** Every agent finished all its steps. */
		COMPLETED,

		/** It was cancelled before every agent finished. */
		CANCELLED

	}

}
