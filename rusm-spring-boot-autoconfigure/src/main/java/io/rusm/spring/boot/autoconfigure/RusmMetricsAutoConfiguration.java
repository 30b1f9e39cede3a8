package io.rusm.spring.boot.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.rusm.core.Runtime;
import io.rusm.spring.boot.actuate.metrics.ExitReasonCounter;
import io.rusm.spring.boot.actuate.metrics.RusmMeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of the rusm {@link RusmMeterBinder meters}, and of the {@link ExitReasonCounter} that,
 * as an {@link io.rusm.core.ExitListener ExitListener} bean, counts the auto-configured
 * runtime's exits by reason. Backs off without Micrometer on the classpath or without a
 * {@link MeterRegistry}.
 *
 * @author rusm contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = RusmAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ Runtime.class, MeterRegistry.class })
@ConditionalOnBooleanProperty(name = "rusm.enabled", matchIfMissing = true)
@ConditionalOnBean({ Runtime.class, MeterRegistry.class })
public final class RusmMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ExitReasonCounter rusmExitReasonCounter() {
		return new ExitReasonCounter();
	}

	@Bean
	@ConditionalOnMissingBean
	RusmMeterBinder rusmMeterBinder(Runtime runtime, ExitReasonCounter exitReasonCounter) {
		return new RusmMeterBinder(runtime, exitReasonCounter);
	}

}
