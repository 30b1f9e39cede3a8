package io.rusm.spring.boot.autoconfigure;

import java.util.List;

import io.rusm.core.ExitListener;
import io.rusm.core.Runtime;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of the rusm {@link Runtime}, built from the {@code rusm.*} properties, every
 * {@link ExitListener} bean and every {@link RuntimeCustomizer} bean. A {@link Runtime}
 * bean of the application's own replaces it. The auto-configured runtime is shut down
 * gracefully, within {@code rusm.shutdown.timeout}, when the context closes.
 *
 * @author rusm contributors
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass(Runtime.class)
@ConditionalOnBooleanProperty(name = "rusm.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RusmProperties.class)
public final class RusmAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(Runtime.class)
	static class RuntimeConfiguration {

		@Bean(destroyMethod = "")
		Runtime rusmRuntime(RusmProperties properties, ObjectProvider<ExitListener> exitListeners,
				ObjectProvider<RuntimeCustomizer> customizers) {
			Runtime.Builder builder = Runtime.builder()
				.trackMailboxDepth(properties.getMailbox().isTrackDepth())
				.lifecycleLog(properties.getLog().getLevel())
				.censusDebounce(properties.getCensus().getDebounce());
			Integer capacity = properties.getMailbox().getCapacity();
			if (capacity != null) {
				builder.mailboxCapacity(capacity);
			}
			List<ExitListener> listeners = exitListeners.orderedStream().toList();
			if (!listeners.isEmpty()) {
				builder.exitListener((listeners.size() == 1) ? listeners.get(0) : new CompositeExitListener(listeners));
			}
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			return builder.build();
		}

		@Bean
		RuntimeShutdown rusmRuntimeShutdown(Runtime rusmRuntime, RusmProperties properties) {
			return new RuntimeShutdown(rusmRuntime, properties.getShutdown().getTimeout());
		}

	}

}
