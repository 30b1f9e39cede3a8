package io.rusm.spring.boot.autoconfigure;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.rusm.core.Runtime;
import io.rusm.spring.boot.exit.ExitHistory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of the {@link ExitHistory}, bounded by {@code rusm.exit-history.*}. As an
 * {@link io.rusm.core.ExitListener ExitListener} bean it is fed by the auto-configured
 * runtime. Backs off without Caffeine on the classpath.
 *
 * @author rusm contributors
 * @since 0.1.0
 */
@AutoConfiguration(before = RusmAutoConfiguration.class)
@ConditionalOnClass({ Runtime.class, Caffeine.class })
@ConditionalOnBooleanProperty(name = "rusm.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RusmProperties.class)
public final class RusmExitHistoryAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ExitHistory rusmExitHistory(RusmProperties properties) {
		RusmProperties.ExitHistory history = properties.getExitHistory();
		return new ExitHistory(history.getMaxSize(), history.getTtl());
	}

}
