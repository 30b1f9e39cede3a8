package io.rusm.core;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How a {@link Supervisor} starts, restarts and stops one child.
 *
 * @param id the child's id within its supervisor
 * @param factory supplies the body for each start, so a restart can begin from fresh state
 * @param restart when the child is restarted
 * @param options how the child is spawned (name, label, tags…); the supervisor adds the link
 * @param shutdownTimeout how long the child gets to stop before it is killed
 * @since 0.1.0
 */
public record ChildSpec(String id, Supplier<? extends ProcessBody> factory, Restart restart, SpawnOptions options,
		Duration shutdownTimeout) {

	/** How long a child gets to stop by default. */
	public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

	/**
	 * Validates the spec.
	 * @param id a non-blank id
	 * @param factory the body supplier
	 * @param restart the restart type
	 * @param options the spawn options
	 * @param shutdownTimeout a positive timeout
	 */
	public ChildSpec {
		Arguments.name(id, "id");
		Objects.requireNonNull(factory, "factory");
		Objects.requireNonNull(restart, "restart");
		Objects.requireNonNull(options, "options");
		Arguments.positive(shutdownTimeout, "shutdown timeout");
		if (options.linkTo() != null) {
			throw new IllegalArgumentException("child '" + id + "' must not set linkTo: its supervisor links it");
		}
	}

	/**
	 * Starts a spec whose every start runs the same body; the body must keep its state in its
	 * receive loop, not in fields, so a restart starts fresh.
	 * @param id a non-blank id
	 * @param body what the child runs
	 * @return a builder
	 */
	public static Builder builder(String id, ProcessBody body) {
		Objects.requireNonNull(body, "body");
		return new Builder(id, () -> body);
	}

	/**
	 * Starts a spec that asks {@code factory} for a new body at every start.
	 * @param id a non-blank id
	 * @param factory supplies a fresh body
	 * @return a builder
	 */
	public static Builder builder(String id, Supplier<? extends ProcessBody> factory) {
		return new Builder(id, factory);
	}

	/**
	 * Builds a {@link ChildSpec}; permanent, default options and a 5 s shutdown timeout unless set.
	 */
	public static final class Builder {

		private final String id;

		private final Supplier<? extends ProcessBody> factory;

		private Restart restart = Restart.PERMANENT;

		private SpawnOptions options = SpawnOptions.DEFAULT;

		private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;

		private Builder(String id, Supplier<? extends ProcessBody> factory) {
			this.id = id;
			this.factory = Objects.requireNonNull(factory, "factory");
		}

		/**
		 * Sets when the child is restarted.
		 * @param restart the restart type
		 * @return this builder
		 */
		public Builder restart(Restart restart) {
			this.restart = Objects.requireNonNull(restart, "restart");
			return this;
		}

		/**
		 * Sets how the child is spawned.
		 * @param options spawn options without {@code linkTo}
		 * @return this builder
		 */
		public Builder options(SpawnOptions options) {
			this.options = Objects.requireNonNull(options, "options");
			return this;
		}

		/**
		 * Sets how long the child gets to stop before it is killed.
		 * @param timeout a positive duration
		 * @return this builder
		 */
		public Builder shutdownTimeout(Duration timeout) {
			this.shutdownTimeout = Objects.requireNonNull(timeout, "timeout");
			return this;
		}

		/**
		 * Builds the spec.
		 * @return the spec
		 */
		public ChildSpec build() {
			return new ChildSpec(this.id, this.factory, this.restart, this.options, this.shutdownTimeout);
		}
	}
}
