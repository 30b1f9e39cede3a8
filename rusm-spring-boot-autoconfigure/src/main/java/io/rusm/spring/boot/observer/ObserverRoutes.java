package io.rusm.spring.boot.observer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The routes of the observer: the page at {@code <path>} and {@code <path>/}, its
 * settings at {@code <path>/settings} and its scripts and styles under
 * {@code <path>/assets/}, all from this jar.
 */
final class ObserverRoutes {

	private static final String LOCATION = "META-INF/rusm/observer/";

	private static final String BASE_PLACEHOLDER = "{{base}}";

	private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

	private final String path;

	private final long refreshMillis;

	private final RusmEndpointLocator locator;

	private final String page;

	ObserverRoutes(RusmObserverProperties properties, RusmEndpointLocator locator) {
		this.path = properties.getPath();
		this.refreshMillis = properties.getRefreshInterval().toMillis();
		this.locator = Objects.requireNonNull(locator, "locator");
		this.page = read(LOCATION + "index.html");
	}

	RouterFunction<ServerResponse> routes() {
		return RouterFunctions.route()
			.GET(this.path, this::page)
			.GET(this.path + "/", this::page)
			.GET(this.path + "/settings", this::settings)
			.resources(this.path + "/assets/**", new ClassPathResource(LOCATION + "assets/"))
			.build();
	}

	private ServerResponse page(ServerRequest request) {
		String base = request.requestPath().contextPath().value() + this.path;
		return ServerResponse.ok()
			.contentType(HTML)
			.cacheControl(CacheControl.noCache())
			.body(this.page.replace(BASE_PLACEHOLDER, base));
	}

	private ServerResponse settings(ServerRequest request) {
		EndpointLocation location = this.locator.locate();
		String endpoint = (location.path() != null)
				? request.requestPath().contextPath().value() + location.path() : null;
		return ServerResponse.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.cacheControl(CacheControl.noStore())
			.body(new ObserverSettings(endpoint, location.access(), location.problem(), this.refreshMillis,
					CsrfTokens.of(request)));
	}

	private static String read(String location) {
		try (InputStream stream = new ClassPathResource(location).getInputStream()) {
			return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the observer page " + location, ex);
		}
	}

}
