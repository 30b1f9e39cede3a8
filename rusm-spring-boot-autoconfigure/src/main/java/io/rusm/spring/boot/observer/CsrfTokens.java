package io.rusm.spring.boot.observer;

import org.jspecify.annotations.Nullable;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.util.ClassUtils;
import org.springframework.web.servlet.function.ServerRequest;

/**
 * Reads the CSRF token Spring Security keeps for a request, so the page's kill requests
 * ({@code DELETE}) carry it. Only touches Spring Security's types when it is on the
 * classpath.
 */
final class CsrfTokens {

	private static final boolean SECURITY_PRESENT = ClassUtils
		.isPresent("org.springframework.security.web.csrf.CsrfToken", CsrfTokens.class.getClassLoader());

	private CsrfTokens() {
	}

	/**
	 * Returns the request's CSRF token, or {@code null} without Spring Security or CSRF
	 * protection.
	 * @param request the request of the page's settings
	 * @return the header to send and its value, or {@code null}
	 */
	static ObserverSettings.@Nullable Csrf of(ServerRequest request) {
		return SECURITY_PRESENT ? SecurityToken.of(request) : null;
	}

	/**
	 * Holds the references to Spring Security, loaded only once it is known to be present.
	 */
	private static final class SecurityToken {

		static ObserverSettings.@Nullable Csrf of(ServerRequest request) {
			if (request.attribute(CsrfToken.class.getName()).orElse(null) instanceof CsrfToken token) {
				return new ObserverSettings.Csrf(token.getHeaderName(), token.getToken());
			}
			return null;
		}

	}

}
