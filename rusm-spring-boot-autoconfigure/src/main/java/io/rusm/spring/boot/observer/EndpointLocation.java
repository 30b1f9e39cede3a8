package io.rusm.spring.boot.observer;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Where the observer page finds the {@code rusm} endpoint, and what it may do with it.
 *
 * @param path the path of the endpoint under the servlet context, such as
 * {@code /actuator/rusm}, or {@code null} if the page cannot reach it
 * @param access {@code unrestricted}, {@code read-only} or {@code none}
 * @param problem why the page cannot reach the endpoint and how to change that, or
 * {@code null} when it can
 */
record EndpointLocation(@Nullable String path, String access, @Nullable String problem) {

	static final String UNRESTRICTED = "unrestricted";

	static final String READ_ONLY = "read-only";

	static final String NONE = "none";

	EndpointLocation {
		Objects.requireNonNull(access, "access");
		if ((path == null) == (problem == null)) {
			throw new IllegalArgumentException("Exactly one of path and problem must be given");
		}
	}

	static EndpointLocation at(String path, String access) {
		return new EndpointLocation(path, access, null);
	}

	static EndpointLocation unreachable(String access, String problem) {
		return new EndpointLocation(null, access, problem);
	}

}
