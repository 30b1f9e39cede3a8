package io.rusm.spring.boot.actuate;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.actuate.audit.AuditEventRepository;
import org.springframework.boot.actuate.audit.InMemoryAuditEventRepository;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A web application that secures the {@code rusm} endpoint as the README shows, with two
 * users (an operator and a viewer) and Actuator auditing on.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class SecuredWebTestApplication {

	// tag::endpoint-security[]
	@Bean
	SecurityFilterChain rusmEndpointSecurity(HttpSecurity http) throws Exception {
		return http.securityMatcher(EndpointRequest.to("rusm"))
			.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.DELETE)
				.hasRole("OPERATOR")
				.anyRequest()
				.authenticated())
			.httpBasic(Customizer.withDefaults())
			.csrf((csrf) -> csrf.disable())
			.build();
	}
	// end::endpoint-security[]

	@Bean
	InMemoryUserDetailsManager users() {
		return new InMemoryUserDetailsManager(
				User.withUsername("operator").password("{noop}secret").roles("OPERATOR").build(),
				User.withUsername("viewer").password("{noop}secret").roles("VIEWER").build());
	}

	@Bean
	AuditEventRepository auditEventRepository() {
		return new InMemoryAuditEventRepository();
	}

}
