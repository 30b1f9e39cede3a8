package io.rusm.spring.boot.autoconfigure;

import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.observation.ObservationRegistry;
import io.rusm.core.Runtime;
import io.rusm.spring.boot.RusmHandlerObserver;
import io.rusm.spring.boot.observation.ObservationContextPropagator;
import io.rusm.spring.boot.observation.ObservationHandlerObserver;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of traces that follow messages: the auto-configured runtime carries the sender's observation
 * with each message ({@link ObservationContextPropagator}), and each message a
 * {@code @RusmHandler} handles is observed as {@code rusm.handle}
 * ({@link ObservationHandlerObserver}). Backs off without Micrometer's observation API and
 * context propagation on the classpath, without an {@link ObservationRegistry} bean, or with
 * {@code rusm.observations.enabled=false}: then nothing is captured or allocated per message.
 *
 * @author rusm contributors
 * @since 0.1.0
 */
@AutoConfiguration(
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass({ Runtime.class, ObservationRegistry.class, ContextSnapshotFactory.class })
@ConditionalOnBooleanProperty(name = "rusm.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "rusm.observations.enabled", matchIfMissing = true)
@ConditionalOnBean(ObservationRegistry.class)
public final class RusmObservationAutoConfiguration {

	@Bean
	RuntimeCustomizer rusmObservationRuntimeCustomizer(ObservationRegistry registry) {
		return (builder) -> builder.contextPropagator(new ObservationContextPropagator(registry));
	}

	@Bean
	@ConditionalOnMissingBean
	RusmHandlerObserver rusmHandlerObserver(ObservationRegistry registry) {
		return new ObservationHandlerObserver(registry);
	}

}
