package io.rusm.spring.boot.observer;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.EndpointAccessResolver;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.core.env.Environment;

/**
 * Locates the {@code rusm} endpoint the way Actuator maps it: its path from the exposed
 * web endpoints (so {@code management.endpoints.web.base-path} and path mappings are
 * followed), its access from the same resolver Actuator uses
 * ({@code management.endpoint.rusm.access}, {@code management.endpoints.access.default}
 * and {@code management.endpoints.access.max-permitted}).
 */
final class ActuatorEndpointLocator implements RusmEndpointLocator {

	private static final EndpointId RUSM = EndpointId.of("rusm");

	private final ObjectProvider<PathMappedEndpoints> endpoints;

	private final ObjectProvider<EndpointAccessResolver> accessResolver;

	private final Environment environment;

	ActuatorEndpointLocator(ObjectProvider<PathMappedEndpoints> endpoints,
			ObjectProvider<EndpointAccessResolver> accessResolver, Environment environment) {
		this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
		this.accessResolver = Objects.requireNonNull(accessResolver, "accessResolver");
		this.environment = Objects.requireNonNull(environment, "environment");
	}

	@Override
	public EndpointLocation locate() {
		String access = access();
		if (EndpointLocation.NONE.equals(access)) {
			return EndpointLocation.unreachable(access, "The rusm endpoint is switched off "
					+ "(management.endpoint.rusm.access=none): set it to read-only, or to unrestricted to allow kills.");
		}
		if (ManagementPortType.get(this.environment) == ManagementPortType.DIFFERENT) {
			return EndpointLocation.unreachable(access, "Actuator is served on its own port (management.server.port), "
					+ "which this page cannot read: serve the actuator on the application's port to use the observer.");
		}
		PathMappedEndpoints mapped = this.endpoints.getIfAvailable();
		String path = (mapped != null) ? mapped.getPath(RUSM) : null;
		if (path == null) {
			return EndpointLocation.unreachable(access, "The rusm endpoint is not exposed over HTTP: add it to "
					+ "management.endpoints.web.exposure.include, for example "
					+ "management.endpoints.web.exposure.include=health,rusm.");
		}
		return EndpointLocation.at(path, access);
	}

	private String access() {
		@Nullable EndpointAccessResolver resolver = this.accessResolver.getIfAvailable();
		Access access = (resolver != null) ? resolver.accessFor(RUSM, Access.READ_ONLY) : Access.READ_ONLY;
		return switch (access) {
			case UNRESTRICTED -> EndpointLocation.UNRESTRICTED;
			case READ_ONLY -> EndpointLocation.READ_ONLY;
			case NONE -> EndpointLocation.NONE;
		};
	}

}
