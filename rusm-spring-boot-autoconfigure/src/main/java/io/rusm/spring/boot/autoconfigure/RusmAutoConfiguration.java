package io.rusm.spring.boot.autoconfigure;

import io.rusm.core.ExitListener;
import io.rusm.core.Runtime;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of the rusm {@link Runtime}, built from the {@code rusm.*} properties and every
 * {@link RuntimeCustomizer} bean. A {@link Runtime} bean of the application's own
 * replaces it. Every {@link ExitListener} bean of the context is attached to the runtime
 * either way (the exit history and the exit meter included), and detached when the
 * context closes. The auto-configured runtime is shut down gracefully, within
 * {@code rusm.shutdown.timeout}, when the context closes.
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
		Runtime rusmRuntime(RusmProperties properties, ObjectProvider<RuntimeCustomizer> customizers) {
			Runtime.Builder builder = Runtime.builder()
				.trackMailboxDepth(properties.getMailbox().isTrackDepth())
				.lifecycleLog(properties.getLog().getLevel())
				.censusDebounce(properties.getCensus().getDebounce());
			Integer capacity = properties.getMailbox().getCapacity();
			if (capacity != null) {
				builder.mailboxCapacity(capacity);
			}
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			return builder.build();
		}

		/**
		 * Depends on the exit listener registrar, so that it is destroyed first: the
		 * processes the shutdown ends still reach the exit listeners.
		 */
		@Bean
		@DependsOn("rusmExitListenerRegistrar")
		RuntimeShutdown rusmRuntimeShutdown(Runtime rusmRuntime, RusmProperties properties) {
			return new RuntimeShutdown(rusmRuntime, properties.getShutdown().getTimeout());
		}

	}

	@Bean
	ExitListenerRegistrar rusmExitListenerRegistrar(ObjectProvider<Runtime> runtime,
			ListableBeanFactory beanFactory) {
		return new ExitListenerRegistrar(runtime, beanFactory);
	}

}
