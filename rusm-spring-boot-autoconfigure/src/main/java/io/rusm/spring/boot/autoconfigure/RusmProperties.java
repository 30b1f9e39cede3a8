package io.rusm.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.Objects;

import io.rusm.core.LogLevel;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for the rusm runtime and the processes Spring Boot starts on
 * it, bound from the {@code rusm.*} keys.
 * <p>
 * Every setter validates its value, so a wrong setting (a negative capacity, a zero
 * timeout) fails the application at startup with a message that names the property
 * instead of surfacing later as a runtime oddity.
 *
 * @author rusm contributors
 * @since 0.1.0
 */
@ConfigurationProperties("rusm")
public class RusmProperties {

	/**
	 * Whether to auto-configure the rusm runtime and everything built on it.
	 */
	private boolean enabled = true;

	private final Mailbox mailbox = new Mailbox();

	private final Log log = new Log();

	private final Census census = new Census();

	private final Shutdown shutdown = new Shutdown();

	private final Supervisor supervisor = new Supervisor();

	private final ExitHistory exitHistory = new ExitHistory();

	/**
	 * Returns whether rusm is auto-configured.
	 * @return whether rusm is enabled
	 */
	public boolean isEnabled() {
		return this.enabled;
	}

	/**
	 * Sets whether rusm is auto-configured.
	 * @param enabled whether rusm is enabled
	 */
	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	/**
	 * Returns the mailbox settings applied to every process.
	 * @return the mailbox settings
	 */
	public Mailbox getMailbox() {
		return this.mailbox;
	}

	/**
	 * Returns the lifecycle log settings.
	 * @return the lifecycle log settings
	 */
	public Log getLog() {
		return this.log;
	}

	/**
	 * Returns the census log settings.
	 * @return the census settings
	 */
	public Census getCensus() {
		return this.census;
	}

	/**
	 * Returns the shutdown settings.
	 * @return the shutdown settings
	 */
	public Shutdown getShutdown() {
		return this.shutdown;
	}

	/**
	 * Returns the supervisor settings of {@code @RusmProcess} singletons.
	 * @return the supervisor settings
	 */
	public Supervisor getSupervisor() {
		return this.supervisor;
	}

	/**
	 * Returns the exit history settings.
	 * @return the exit history settings
	 */
	public ExitHistory getExitHistory() {
		return this.exitHistory;
	}

	private static Duration positive(Duration value, String property) {
		Objects.requireNonNull(value, property);
		if (value.isZero() || value.isNegative()) {
			throw new IllegalArgumentException(property + " must be a positive duration, got " + value);
		}
		return value;
	}

	/**
	 * Mailbox settings.
	 *
	 * @since 0.1.0
	 */
	public static class Mailbox {

		/**
		 * Whether to track the depth of every mailbox, shown by the actuator endpoint.
		 * Off by default because it costs a counter update per message.
		 */
		private boolean trackDepth;

		/**
		 * Maximum number of user messages a mailbox holds; messages past it are shed and
		 * counted. System signals are never shed. Unbounded when not set.
		 */
		private @Nullable Integer capacity;

		/**
		 * Returns whether mailbox depths are tracked.
		 * @return whether mailbox depths are tracked
		 */
		public boolean isTrackDepth() {
			return this.trackDepth;
		}

		/**
		 * Sets whether mailbox depths are tracked.
		 * @param trackDepth whether mailbox depths are tracked
		 */
		public void setTrackDepth(boolean trackDepth) {
			this.trackDepth = trackDepth;
		}

		/**
		 * Returns the mailbox capacity, or {@code null} for unbounded mailboxes.
		 * @return the capacity or {@code null}
		 */
		public @Nullable Integer getCapacity() {
			return this.capacity;
		}

		/**
		 * Sets the mailbox capacity.
		 * @param capacity the capacity, greater than zero, or {@code null} for unbounded
		 * @throws IllegalArgumentException if the capacity is zero or negative
		 */
		public void setCapacity(@Nullable Integer capacity) {
			if (capacity != null && capacity <= 0) {
				throw new IllegalArgumentException(
						"rusm.mailbox.capacity must be greater than zero (or unset for unbounded), got " + capacity);
			}
			this.capacity = capacity;
		}

	}

	/**
	 * Lifecycle log settings.
	 *
	 * @since 0.1.0
	 */
	public static class Log {

		/**
		 * Level of the lifecycle log (logger 'io.rusm.lifecycle'): crashed processes with
		 * their exception (error), killed ones (warn), exits, kills and the census line
		 * (info), spawns (debug). Crashes only by default, as Spring logs a failed
		 * scheduled task.
		 */
		private LogLevel level = LogLevel.ERROR;

		/**
		 * Returns the lifecycle log level.
		 * @return the level
		 */
		public LogLevel getLevel() {
			return this.level;
		}

		/**
		 * Sets the lifecycle log level.
		 * @param level the level
		 */
		public void setLevel(LogLevel level) {
			this.level = Objects.requireNonNull(level, "rusm.log.level");
		}

	}

	/**
	 * Census log settings.
	 *
	 * @since 0.1.0
	 */
	public static class Census {

		/**
		 * Minimum time between two census lines of the lifecycle log, so a burst of
		 * spawns and exits logs one line.
		 */
		private Duration debounce = Duration.ofSeconds(2);

		/**
		 * Returns the census debounce.
		 * @return the debounce
		 */
		public Duration getDebounce() {
			return this.debounce;
		}

		/**
		 * Sets the census debounce.
		 * @param debounce a positive duration
		 * @throws IllegalArgumentException if the duration is zero or negative
		 */
		public void setDebounce(Duration debounce) {
			this.debounce = positive(debounce, "rusm.census.debounce");
		}

	}

	/**
	 * Shutdown settings.
	 *
	 * @since 0.1.0
	 */
	public static class Shutdown {

		/**
		 * Maximum time to wait, when the application context stops, for processes to
		 * exit after being asked to shut down; the rest are killed.
		 */
		private Duration timeout = Duration.ofSeconds(10);

		/**
		 * Returns the shutdown timeout.
		 * @return the timeout
		 */
		public Duration getTimeout() {
			return this.timeout;
		}

		/**
		 * Sets the shutdown timeout.
		 * @param timeout a positive duration
		 * @throws IllegalArgumentException if the duration is zero or negative
		 */
		public void setTimeout(Duration timeout) {
			this.timeout = positive(timeout, "rusm.shutdown.timeout");
		}

	}

	/**
	 * Supervisor settings of {@code @RusmProcess} singletons.
	 *
	 * @since 0.1.0
	 */
	public static class Supervisor {

		/**
		 * Maximum number of restarts of a singleton within the 'within' period; one more
		 * crash and the singleton stays down and health reports DOWN.
		 */
		private int maxRestarts = 3;

		/**
		 * Period over which restarts of a singleton are counted.
		 */
		private Duration within = Duration.ofSeconds(5);

		/**
		 * Returns the maximum number of restarts within the period.
		 * @return the maximum number of restarts
		 */
		public int getMaxRestarts() {
			return this.maxRestarts;
		}

		/**
		 * Sets the maximum number of restarts within the period.
		 * @param maxRestarts zero or more
		 * @throws IllegalArgumentException if the number is negative
		 */
		public void setMaxRestarts(int maxRestarts) {
			if (maxRestarts < 0) {
				throw new IllegalArgumentException(
						"rusm.supervisor.max-restarts must be zero or more, got " + maxRestarts);
			}
			this.maxRestarts = maxRestarts;
		}

		/**
		 * Returns the period over which restarts are counted.
		 * @return the period
		 */
		public Duration getWithin() {
			return this.within;
		}

		/**
		 * Sets the period over which restarts are counted.
		 * @param within a positive duration
		 * @throws IllegalArgumentException if the duration is zero or negative
		 */
		public void setWithin(Duration within) {
			this.within = positive(within, "rusm.supervisor.within");
		}

	}

	/**
	 * Exit history settings.
	 *
	 * @since 0.1.0
	 */
	public static class ExitHistory {

		/**
		 * Maximum number of exit records kept; the oldest are evicted first.
		 */
		private long maxSize = 1000;

		/**
		 * How long an exit record is kept after the process exited.
		 */
		private Duration ttl = Duration.ofMinutes(15);

		/**
		 * Returns the maximum number of exit records.
		 * @return the maximum size
		 */
		public long getMaxSize() {
			return this.maxSize;
		}

		/**
		 * Sets the maximum number of exit records.
		 * @param maxSize greater than zero
		 * @throws IllegalArgumentException if the size is zero or negative
		 */
		public void setMaxSize(long maxSize) {
			if (maxSize <= 0) {
				throw new IllegalArgumentException(
						"rusm.exit-history.max-size must be greater than zero, got " + maxSize);
			}
			this.maxSize = maxSize;
		}

		/**
		 * Returns how long an exit record is kept.
		 * @return the time to live
		 */
		public Duration getTtl() {
			return this.ttl;
		}

		/**
		 * Sets how long an exit record is kept.
		 * @param ttl a positive duration
		 * @throws IllegalArgumentException if the duration is zero or negative
		 */
		public void setTtl(Duration ttl) {
			this.ttl = positive(ttl, "rusm.exit-history.ttl");
		}

	}

}
