package io.rusm.spring.boot.autoconfigure;

import io.rusm.core.Runtime;
import io.rusm.spring.boot.RusmProcessRegistry;
import io.rusm.spring.boot.actuate.endpoint.ClusterSection;
import io.rusm.spring.boot.actuate.endpoint.RusmEndpoint;
import io.rusm.spring.boot.actuate.endpoint.RusmEndpointWebExtension;
import io.rusm.spring.boot.exit.ExitRecords;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.audit.AuditEventRepository;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of the {@code rusm} actuator {@link RusmEndpoint endpoint} and its web extension, which
 * audits kills over HTTP when the application has an {@link AuditEventRepository}. Backs
 * off without Actuator on the classpath or when the endpoint is not available.
 *
 * @author rusm contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = { RusmAutoConfiguration.class, RusmProcessesAutoConfiguration.class,
		RusmExitHistoryAutoConfiguration.class })
@ConditionalOnClass({ Runtime.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBooleanProperty(name = "rusm.enabled", matchIfMissing = true)
public final class RusmEndpointAutoConfiguration {

	/**
	 * Holds the actuator conditions, so that they are only read once Actuator is known to
	 * be on the classpath.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(Runtime.class)
	@ConditionalOnAvailableEndpoint(RusmEndpoint.class)
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RusmEndpoint rusmEndpoint(Runtime runtime, ObjectProvider<ExitRecords> exits,
				ObjectProvider<RusmProcessRegistry> singletons, ObjectProvider<ClusterSection> cluster) {
			return new RusmEndpoint(runtime, exits.getIfAvailable(), singletons.getIfAvailable(), cluster.getIfUnique());
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(RusmEndpoint.class)
		@ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
		RusmEndpointWebExtension rusmEndpointWebExtension(RusmEndpoint rusmEndpoint,
				ApplicationEventPublisher eventPublisher, ObjectProvider<AuditEventRepository> auditEvents) {
			return new RusmEndpointWebExtension(rusmEndpoint,
					(auditEvents.getIfAvailable() != null) ? eventPublisher : null);
		}

	}

}
