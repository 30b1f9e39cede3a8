package io.rusm.spring.boot.observer;

import java.time.Duration;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the rusm observer page, bound from the
 * {@code rusm.observer.*} keys. Off by default, like Spring Boot's H2 console.
 *
 * @author rusm contributors
 * @since 0.1.0
 */
@ConfigurationProperties("rusm.observer")
public class RusmObserverProperties {

	private static final Duration MIN_REFRESH_INTERVAL = Duration.ofMillis(100);

	/**
	 * Whether to serve the observer page.
	 */
	private boolean enabled;

	/**
	 * Path at which the observer page is served.
	 */
	private String path = "/rusm";

	/**
	 * How often the open page refreshes the view it shows.
	 */
	private Duration refreshInterval = Duration.ofMillis(500);

	/**
	 * Returns whether the observer page is served.
	 * @return whether the observer is enabled
	 */
	public boolean isEnabled() {
		return this.enabled;
	}

	/**
	 * Sets whether the observer page is served.
	 * @param enabled whether the observer is enabled
	 */
	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	/**
	 * Returns the path of the page, such as {@code /rusm}.
	 * @return the path
	 */
	public String getPath() {
		return this.path;
	}

	/**
	 * Sets the path of the page.
	 * @param path a path that starts with {@code /} and does not end with one
	 * @throws IllegalArgumentException if the path is not such a path
	 */
	public void setPath(String path) {
		Objects.requireNonNull(path, "rusm.observer.path");
		if (path.length() < 2 || !path.startsWith("/") || path.endsWith("/")) {
			throw new IllegalArgumentException(
					"rusm.observer.path must start with '/', not end with '/' and not be '/' alone, but was '" + path
							+ "'");
		}
		this.path = path;
	}

	/**
	 * Returns how often the open page refreshes the view it shows.
	 * @return the refresh interval
	 */
	public Duration getRefreshInterval() {
		return this.refreshInterval;
	}

	/**
	 * Sets how often the open page refreshes the view it shows.
	 * @param refreshInterval at least 100 milliseconds
	 * @throws IllegalArgumentException if the interval is shorter
	 */
	public void setRefreshInterval(Duration refreshInterval) {
		Objects.requireNonNull(refreshInterval, "rusm.observer.refresh-interval");
		if (refreshInterval.compareTo(MIN_REFRESH_INTERVAL) < 0) {
			throw new IllegalArgumentException(
					"rusm.observer.refresh-interval must be at least 100ms, but was " + refreshInterval);
		}
		this.refreshInterval = refreshInterval;
	}

}
