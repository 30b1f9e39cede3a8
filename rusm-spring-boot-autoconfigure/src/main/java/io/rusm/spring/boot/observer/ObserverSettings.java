package io.rusm.spring.boot.observer;

import org.jspecify.annotations.Nullable;

/**
 * What the observer page needs to know before it reads the endpoint, served as JSON at
 * {@code <rusm.observer.path>/settings}.
 *
 * @param endpoint the URL path of the {@code rusm} endpoint, servlet context included, or
 * {@code null} if the page cannot reach it
 * @param access the endpoint's access: {@code unrestricted} (kills allowed),
 * {@code read-only} or {@code none}
 * @param problem why the page cannot reach the endpoint and how to change that, or
 * {@code null}
 * @param refreshMillis how often the page refreshes the view it shows, in milliseconds
 * @param csrf the CSRF token the page's kill requests must carry, or {@code null} when
 * none is needed
 * @author rusm contributors
 * @since 0.1.0
 */
public record ObserverSettings(@Nullable String endpoint, String access, @Nullable String problem,
		long refreshMillis, @Nullable Csrf csrf) {

	/**
	 * A CSRF token and the header that carries it.
	 *
	 * @param header the name of the request header
	 * @param token the token
	 * @since 0.1.0
	 */
	public record Csrf(String header, String token) {

	}

}
