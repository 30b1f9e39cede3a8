package io.rusm.spring.boot.autoconfigure;

import io.rusm.core.Runtime;
import io.rusm.spring.boot.ClusterScope;
import io.rusm.spring.boot.RusmProcessRegistry;
import io.rusm.spring.boot.actuate.health.RusmHealthIndicator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of the {@code rusm} {@link RusmHealthIndicator health contributor}. Backs off without
 * Spring Boot's health module on the classpath or when
 * {@code management.health.rusm.enabled} is {@code false}.
 *
 * @author rusm contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = RusmProcessesAutoConfiguration.class,
		beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass({ Runtime.class, Health.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBooleanProperty(name = "rusm.enabled", matchIfMissing = true)
public final class RusmHealthContributorAutoConfiguration {

	/**
	 * Holds the health conditions, so that they are only read once Spring Boot's health
	 * module is known to be on the classpath.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(RusmProcessRegistry.class)
	@ConditionalOnEnabledHealthIndicator("rusm")
	static class HealthIndicatorConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "rusmHealthIndicator")
		RusmHealthIndicator rusmHealthIndicator(RusmProcessRegistry registry, ObjectProvider<ClusterScope> cluster) {
			ClusterScope scope = cluster.getIfUnique();
			return new RusmHealthIndicator(registry, (scope != null) ? scope::nodeCount : null);
		}

	}

}
