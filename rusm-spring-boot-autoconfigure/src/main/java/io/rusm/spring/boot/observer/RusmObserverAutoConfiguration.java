package io.rusm.spring.boot.observer;

import io.rusm.spring.boot.autoconfigure.RusmEndpointAutoConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.actuate.endpoint.EndpointAccessResolver;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of the rusm observer: a live page of the running system at {@code rusm.observer.path}
 * (default {@code /rusm}) of a Spring MVC application, fed by the {@code rusm} actuator
 * endpoint. Only when {@code rusm.observer.enabled=true}, like Spring Boot's H2 console.
 *
 * @author rusm contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = RusmEndpointAutoConfiguration.class,
		afterName = "org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(RouterFunction.class)
@ConditionalOnBooleanProperty("rusm.observer.enabled")
@EnableConfigurationProperties(RusmObserverProperties.class)
public final class RusmObserverAutoConfiguration {

	@Bean
	RouterFunction<ServerResponse> rusmObserverRoutes(RusmObserverProperties properties,
			ObjectProvider<RusmEndpointLocator> locator) {
		return new ObserverRoutes(properties, locator.getIfAvailable(() -> RusmEndpointLocator.WITHOUT_ACTUATOR))
			.routes();
	}

	/**
	 * Locates the endpoint through Actuator, once Actuator is known to be on the
	 * classpath.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ PathMappedEndpoints.class, ManagementPortType.class })
	static class ActuatorConfiguration {

		@Bean
		RusmEndpointLocator rusmObserverEndpointLocator(ObjectProvider<PathMappedEndpoints> endpoints,
				ObjectProvider<EndpointAccessResolver> accessResolver, Environment environment) {
			return new ActuatorEndpointLocator(endpoints, accessResolver, environment);
		}

	}

}
