package io.rusm.spring.boot.actuate.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntSupplier;

import io.rusm.spring.boot.RusmProcessRegistry;
import io.rusm.spring.boot.SingletonStatus;
import io.rusm.spring.boot.exit.ExitReasons;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the {@link io.rusm.spring.boot.RusmProcess @RusmProcess} singletons: UP while
 * each of them is running or can still be restarted, DOWN once one has crashed more often
 * than its supervisor's restart intensity allows and stays down. The details name the
 * exhausted singletons and how each last crashed.
 *
 * @author rusm contributors
 * @since 0.1.0
 */
public final class RusmHealthIndicator extends AbstractHealthIndicator {

	private final RusmProcessRegistry registry;

	private final @Nullable IntSupplier nodes;

	/**
	 * Creates an indicator for the singletons of a registry.
	 * @param registry the registry of the application's singletons
	 */
	public RusmHealthIndicator(RusmProcessRegistry registry) {
		this(registry, null);
	}

	/**
	 * Creates an indicator for the singletons of a registry on a node of a cluster, whose
	 * details add the number of nodes.
	 * @param registry the registry of the application's singletons
	 * @param nodes counts the cluster's nodes, or {@code null} without cluster mode
	 */
	public RusmHealthIndicator(RusmProcessRegistry registry, @Nullable IntSupplier nodes) {
		super("rusm health check failed");
		this.registry = Objects.requireNonNull(registry, "registry");
		this.nodes = nodes;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		List<SingletonStatus> singletons = this.registry.singletons();
		Map<String, Object> exhausted = new LinkedHashMap<>();
		for (SingletonStatus singleton : singletons) {
			if (singleton.state() == SingletonStatus.State.EXHAUSTED) {
				exhausted.put(singleton.name(), (singleton.lastExit() != null) ? ExitReasons.describe(singleton.lastExit()) : "unknown");
			}
		}
		builder.withDetail("singletons", singletons.size());
		if (this.nodes != null) {
			builder.withDetail("nodes", this.nodes.getAsInt());
		}
		if (exhausted.isEmpty()) {
			builder.up();
		}
		else {
			builder.down().withDetail("exhausted", exhausted);
		}
	}

}
