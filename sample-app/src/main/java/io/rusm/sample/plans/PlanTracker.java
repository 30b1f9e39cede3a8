package io.rusm.sample.plans;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.rusm.core.Pid;
import org.jspecify.annotations.Nullable;
import io.rusm.spring.boot.RusmHandler;
import io.rusm.spring.boot.RusmProcess;

import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

/**
 * The {@code plan-tracker} singleton process: it knows every plan and counts the progress
 * its agents report.
 * <p>
 * The starter runs it as a named, supervised process and dispatches each message to the
 * {@link RusmHandler @RusmHandler} method for its type, one message at a time, so the
 * state below needs no locking. A handler's return value is the reply to a
 * {@link io.rusm.core.Runtime#call call}. The bean is prototype-scoped so that a restart
 * after a crash starts from a fresh instance instead of inheriting the crashed one's
 * state.
 * <p>
 * It is a cluster singleton ({@code scope = CLUSTER}): with {@code rusm.cluster.enabled=true}
 * it runs on one node of the cluster and moves to another when its node stops or fails
 * (starting afresh there: its plans are remembered by the incarnation that ran them);
 * without cluster mode it is simply this instance's singleton. Every message it takes and
 * every reply it gives is a record of numbers, strings and pids, so it can cross nodes.
 *
 * @author rusm contributors
 * @since 0.1.0
 */
@Component
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
@RusmProcess(name = PlanTracker.NAME, label = "tracker", scope = RusmProcess.Scope.CLUSTER)
public class PlanTracker {

	/** The name the tracker is registered under. */
	public static final String NAME = "plan-tracker";

	/** The number of plans remembered; the oldest is forgotten past it. */
	static final int MAX_PLANS = 1000;

	private long lastId;

	private final Map<Long, Plan> plans = new LinkedHashMap<>(16, 0.75f, false) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<Long, Plan> eldest) {
			return size() > MAX_PLANS;
		}

	};

	/**
	 * Creates a tracker with no plans; the starter creates one for every (re)start.
	 */
	public PlanTracker() {
	}

	/**
	 * Records a new plan, before its agents start, under the next id (ids are the
	 * tracker's, so plans created on different nodes never share one).
	 * @param start the plan
	 * @return its progress: nothing done yet
	 */
	@RusmHandler
	public PlanProgress start(Start start) {
		Plan plan = new Plan(++this.lastId, start.agents(), start.stepsPerAgent());
		this.plans.put(plan.id, plan);
		return plan.progress();
	}

	/**
	 * Counts a step an agent finished. Progress of an unknown plan (one forgotten, or
	 * started before a restart of the tracker) is ignored.
	 * @param progress the step
	 */
	@RusmHandler
	public void progress(AgentProgress progress) {
		Plan plan = this.plans.get(progress.planId());
		if (plan != null) {
			plan.completedSteps++;
			if (progress.step() == plan.stepsPerAgent) {
				plan.finishedAgents++;
			}
		}
	}

	/**
	 * Answers the progress of a plan.
	 * @param query the plan asked for
	 * @return its progress, empty if the plan is unknown
	 */
	@RusmHandler
	public Lookup query(Query query) {
		return Lookup.of(this.plans.get(query.planId()));
	}

	/**
	 * Marks a plan cancelled (unless it already completed) and records how many agents
	 * were stopped.
	 * @param cancel the plan and its stopped agents
	 * @return its progress, empty if the plan is unknown
	 */
	@RusmHandler
	public Lookup cancel(Cancel cancel) {
		Plan plan = this.plans.get(cancel.planId());
		if (plan == null) {
			return Lookup.of(null);
		}
		plan.stoppedAgents += cancel.stoppedAgents();
		if (plan.status() == PlanProgress.Status.RUNNING) {
			plan.cancelled = true;
		}
		return Lookup.of(plan);
	}

	/**
	 * Starts tracking a plan: a call, answered with {@link PlanProgress} (which carries the
	 * plan's new id).
	 *
	 * @param agents how many agents work on it
	 * @param stepsPerAgent how many steps each agent works
	 */
	public record Start(int agents, int stepsPerAgent) {

	}

	/**
	 * The answer to a {@link Query} or a {@link Cancel}: a record rather than an
	 * {@code Optional}, so that it can cross nodes.
	 *
	 * @param progress the plan's progress, or {@code null} if the plan is unknown
	 */
	public record Lookup(@Nullable PlanProgress progress) {

		static Lookup of(@Nullable Plan plan) {
			return new Lookup((plan != null) ? plan.progress() : null);
		}

		/**
		 * The progress, if the plan is known.
		 * @return the progress, or empty
		 */
		public Optional<PlanProgress> found() {
			return Optional.ofNullable(this.progress);
		}

	}

	/**
	 * An agent finished a step: a plain message, sent by the agent.
	 *
	 * @param planId the id of the agent's plan
	 * @param agent the agent
	 * @param step the step it finished, from 1
	 */
	public record AgentProgress(long planId, Pid agent, int step) {

	}

	/**
	 * Asks for the progress of a plan: a call, answered with a {@link Lookup}.
	 *
	 * @param planId the id of the plan
	 */
	public record Query(long planId) {

	}

	/**
	 * Records the cancellation of a plan: a call, answered with a {@link Lookup}.
	 *
	 * @param planId the id of the plan
	 * @param stoppedAgents how many of its agents were killed
	 */
	public record Cancel(long planId, int stoppedAgents) {

	}

	private static final class Plan {

		private final long id;

		private final int agents;

		private final int stepsPerAgent;

		private int completedSteps;

		private int finishedAgents;

		private int stoppedAgents;

		private boolean cancelled;

		Plan(long id, int agents, int stepsPerAgent) {
			this.id = id;
			this.agents = agents;
			this.stepsPerAgent = stepsPerAgent;
		}

		PlanProgress.Status status() {
			if (this.finishedAgents == this.agents) {
				return PlanProgress.Status.COMPLETED;
			}
			return this.cancelled ? PlanProgress.Status.CANCELLED : PlanProgress.Status.RUNNING;
		}

		PlanProgress progress() {
			return new PlanProgress(this.id, status(), this.agents, this.stepsPerAgent, this.completedSteps,
					this.finishedAgents, this.stoppedAgents);
		}

	}

}
