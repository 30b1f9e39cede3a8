package io.rusm.core;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * How to spawn a process: everything here is in place before the body runs, so there is no window
 * in which the process exists without its name, label, tags, link or trap flag.
 *
 * <pre>{@code
 * runtime.spawn(SpawnOptions.builder().label("agent").tags("plan:42").build(), body);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class SpawnOptions {

	/** No name, label, tags or link; not trapping exits; every capability the spawner has. */
	public static final SpawnOptions DEFAULT = builder().build();

	private final @Nullable String name;

	private final @Nullable String label;

	private final List<String> tags;

	private final boolean trapExit;

	private final @Nullable Pid linkTo;

	private final @Nullable Pid monitoredBy;

	private final Set<Capability> capabilities;

	private SpawnOptions(Builder builder) {
		this.name = builder.name;
		this.label = builder.label;
		this.tags = List.copyOf(builder.tags);
		this.trapExit = builder.trapExit;
		this.linkTo = builder.linkTo;
		this.monitoredBy = builder.monitoredBy;
		this.capabilities = Set.copyOf(builder.capabilities);
	}

	/**
	 * Starts building options.
	 * @return a builder with the defaults
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The registry name claimed for the process before it runs.
	 * @return the name, or {@code null}
	 */
	public @Nullable String name() {
		return this.name;
	}

	/**
	 * The observability label.
	 * @return the label, or {@code null}
	 */
	public @Nullable String label() {
		return this.label;
	}

	/**
	 * The process groups the process joins before it runs.
	 * @return the tags, possibly empty
	 */
	public List<String> tags() {
		return this.tags;
	}

	/**
	 * Whether the process traps exits from the start.
	 * @return the trap flag
	 */
	public boolean trapExit() {
		return this.trapExit;
	}

	/**
	 * The process the new one is linked to before it runs.
	 * @return the peer, or {@code null}
	 */
	public @Nullable Pid linkTo() {
		return this.linkTo;
	}

	/**
	 * The process that monitors the new one from before it runs.
	 * @return the watcher, or {@code null}
	 */
	public @Nullable Pid monitoredBy() {
		return this.monitoredBy;
	}

	/**
	 * The capabilities asked for; the process gets those its spawner also has.
	 * @return the capabilities
	 */
	public Set<Capability> capabilities() {
		return this.capabilities;
	}

	/** A copy of these options that also links the process to {@code peer}. */
	SpawnOptions linkedTo(Pid peer) {
		Builder builder = new Builder();
		builder.name = this.name;
		builder.label = this.label;
		builder.tags.addAll(this.tags);
		builder.trapExit = this.trapExit;
		builder.monitoredBy = this.monitoredBy;
		builder.capabilities = this.capabilities.isEmpty() ? EnumSet.noneOf(Capability.class)
				: EnumSet.copyOf(this.capabilities);
		return builder.linkTo(peer).build();
	}

	@Override
	public String toString() {
		return "SpawnOptions[name=" + this.name + ", label=" + this.label + ", tags=" + this.tags + ", trapExit="
				+ this.trapExit + ", linkTo=" + this.linkTo + ", monitoredBy=" + this.monitoredBy + ", capabilities="
				+ this.capabilities + "]";
	}

	/**
	 * Builds {@link SpawnOptions}.
	 */
	public static final class Builder {

		private @Nullable String name;

		private @Nullable String label;

		private final Set<String> tags = new LinkedHashSet<>();

		private boolean trapExit;

		private @Nullable Pid linkTo;

		private @Nullable Pid monitoredBy;

		private Set<Capability> capabilities = EnumSet.allOf(Capability.class);

		private Builder() {
		}

		/**
		 * Registers the process under {@code name} before it runs; the spawn fails with
		 * {@link IllegalStateException} if the name is taken.
		 * @param name a non-blank name
		 * @return this builder
		 */
		public Builder name(String name) {
			this.name = Arguments.name(name, "name");
			return this;
		}

		/**
		 * Labels the process for observability (the census counts live processes per label).
		 * @param label a non-blank label
		 * @return this builder
		 */
		public Builder label(String label) {
			this.label = Arguments.name(label, "label");
			return this;
		}

		/**
		 * Adds the process to these process groups before it runs.
		 * @param tags non-blank tags
		 * @return this builder
		 */
		public Builder tags(String... tags) {
			Objects.requireNonNull(tags, "tags");
			return tags(Arrays.asList(tags));
		}

		/**
		 * Adds the process to these process groups before it runs.
		 * @param tags non-blank tags
		 * @return this builder
		 */
		public Builder tags(Collection<String> tags) {
			Objects.requireNonNull(tags, "tags");
			tags.forEach((tag) -> this.tags.add(Arguments.name(tag, "tag")));
			return this;
		}

		/**
		 * Sets whether the process traps exits from the start.
		 * @param trapExit the trap flag
		 * @return this builder
		 */
		public Builder trapExit(boolean trapExit) {
			this.trapExit = trapExit;
			return this;
		}

		/**
		 * Links the process to {@code peer} before it runs; a dead peer sends it an exit signal with
		 * {@link ExitReason#NOPROC} at once.
		 * @param peer the process to link to
		 * @return this builder
		 */
		public Builder linkTo(Pid peer) {
			this.linkTo = Objects.requireNonNull(peer, "peer");
			return this;
		}

		/**
		 * Makes {@code watcher} monitor the process before it runs (Erlang's
		 * {@code spawn_monitor}), so the watcher gets a {@link Signal.Down} with the real exit
		 * reason however soon the process ends; {@link ProcessHandle#monitorRef()} is the monitor.
		 * A watcher that is not alive monitors nothing.
		 * @param watcher the process to tell
		 * @return this builder
		 */
		public Builder monitoredBy(Pid watcher) {
			this.monitoredBy = Objects.requireNonNull(watcher, "watcher");
			return this;
		}

		/**
		 * Sets the capabilities the process asks for (default: all).
		 * @param capabilities the capabilities; may be empty
		 * @return this builder
		 */
		public Builder capabilities(Set<Capability> capabilities) {
			Objects.requireNonNull(capabilities, "capabilities");
			this.capabilities = capabilities.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(capabilities);
			return this;
		}

		/**
		 * Builds the options.
		 * @return immutable options
		 */
		public SpawnOptions build() {
			return new SpawnOptions(this);
		}
	}
}
