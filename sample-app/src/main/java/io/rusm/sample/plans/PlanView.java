package io.rusm.sample.plans;

import java.util.Locale;

/**
 * A plan as the HTTP API shows it.
 *
 * @param id the id of the plan
 * @param tag the process group of its agents
 * @param status {@code running}, {@code completed} or {@code cancelled}
 * @param agents how many agents work on it
 * @param liveAgents how many of its agents are alive now
 * @param finishedAgents how many agents finished all their steps
 * @param stoppedAgents how many agents were killed by a cancellation
 * @param completedSteps how many steps its agents finished, together
 * @param totalSteps how many steps the whole plan has
 * @param percent {@code completedSteps} as a percentage of {@code totalSteps}
 * @author rusm contributors
 * @since 0.1.0
 */
public record PlanView(long id, String tag, String status, int agents, int liveAgents, int finishedAgents,
		int stoppedAgents, int completedSteps, int totalSteps, int percent) {

	static PlanView of(PlanProgress progress, String tag, int liveAgents) {
		int total = progress.totalSteps();
		int percent = (total > 0) ? (int) (100L * progress.completedSteps() / total) : 100;
		return new PlanView(progress.id(), tag, progress.status().name().toLowerCase(Locale.ROOT), progress.agents(),
				liveAgents, progress.finishedAgents(), progress.stoppedAgents(), progress.completedSteps(), total,
				percent);
	}

}
