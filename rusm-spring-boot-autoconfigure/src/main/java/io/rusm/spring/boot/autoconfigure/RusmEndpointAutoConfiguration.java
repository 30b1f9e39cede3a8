package io.rusm.spring.boot.autoconfigure;

import io.rusm.core.Runtime;
import io.rusm.spring.boot.RusmProcessRegistry;
import io.rusm.spring.boot.actuate.endpoint.RusmEndpoint;
import io.rusm.spring.boot.actuate.endpoint.RusmEndpointWebExtension;
import io.rusm.spring.boot.exit.ExitRecords;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of the {@code rusm} actuator {@link RusmEndpoint endpoint} and its web extension. Backs
 * off without Actuator on the classpath or when the endpoint is not available.
 *
 * @author rusm contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = { RusmAutoConfiguration.class, RusmProcessesAutoConfiguration.class,
		RusmExitHistoryAutoConfiguration.class })
@ConditionalOnClass({ Runtime.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBooleanProperty(name = "rusm.enabled", matchIfMissing = true)
@ConditionalOnBean(Runtime.class)
@ConditionalOnAvailableEndpoint(RusmEndpoint.class)
public final class RusmEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RusmEndpoint rusmEndpoint(Runtime runtime, ObjectProvider<ExitRecords> exits,
			ObjectProvider<RusmProcessRegistry> singletons) {
		return new RusmEndpoint(runtime, exits.getIfAvailable(), singletons.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(RusmEndpoint.class)
	@ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
	RusmEndpointWebExtension rusmEndpointWebExtension(RusmEndpoint rusmEndpoint) {
		return new RusmEndpointWebExtension(rusmEndpoint);
	}

}
