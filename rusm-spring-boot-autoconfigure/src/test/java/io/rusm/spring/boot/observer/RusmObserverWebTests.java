package io.rusm.spring.boot.observer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the observer page and its settings on a real server: where the page finds the
 * {@code rusm} endpoint, with which access, what it says when it cannot, and that it
 * fetches nothing from outside the application.
 */
class RusmObserverWebTests {

	private static final Pattern REFERENCE = Pattern.compile("(?:src|href)=\"([^\"]+)\"|from '([^']+)'");

	private final HttpClient http = HttpClient.newHttpClient();

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	@AfterEach
	void close() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void pageFindsTheReadOnlyEndpointAndFetchesNothingFromElsewhere() throws Exception {
		String base = start("management.endpoints.web.exposure.include=rusm");
		for (String path : List.of("/rusm", "/rusm/")) {
			HttpResponse<String> page = get(base + path);
			assertThat(page.statusCode()).as(path).isEqualTo(200);
			assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
					(type) -> assertThat(type).startsWith("text/html"));
			assertThat(page.body()).contains("src=\"/rusm/assets/observer.js\"");
		}
		assertOnlyLocalReferences(base, "/rusm/assets/observer.js", get(base + "/rusm").body());
		JsonNode settings = settings(base + "/rusm/settings");
		assertThat(settings.path("endpoint").asString()).isEqualTo("/actuator/rusm");
		assertThat(settings.path("access").asString()).isEqualTo("read-only");
		assertThat(settings.path("problem").isNull()).isTrue();
		assertThat(settings.path("refreshMillis").asLong()).isEqualTo(500);
		assertThat(get(base + "/actuator/rusm").statusCode()).isEqualTo(200);
	}

	@Test
	void pageFollowsTheContextPathTheActuatorPathsAndUnrestrictedAccess() throws Exception {
		String base = start("server.servlet.context-path=/app", "management.endpoints.web.base-path=/manage",
				"management.endpoints.web.exposure.include=*", "management.endpoint.rusm.access=unrestricted",
				"rusm.observer.path=/ops/observer", "rusm.observer.refresh-interval=2s");
		assertThat(get(base + "/app/ops/observer").body()).contains("src=\"/app/ops/observer/assets/observer.js\"");
		assertThat(get(base + "/app/ops/observer/assets/observer.css").statusCode()).isEqualTo(200);
		assertThat(get(base + "/app/rusm").statusCode()).isEqualTo(404);
		JsonNode settings = settings(base + "/app/ops/observer/settings");
		assertThat(settings.path("endpoint").asString()).isEqualTo("/app/manage/rusm");
		assertThat(settings.path("access").asString()).isEqualTo("unrestricted");
		assertThat(settings.path("refreshMillis").asLong()).isEqualTo(2000);
	}

	@Test
	void pageSaysHowToExposeTheEndpointWhenItIsNotExposed() throws Exception {
		String base = start("management.endpoints.web.exposure.include=health");
		assertThat(get(base + "/rusm").statusCode()).isEqualTo(200);
		JsonNode settings = settings(base + "/rusm/settings");
		assertThat(settings.path("endpoint").isNull()).isTrue();
		assertThat(settings.path("problem").asString()).contains("not exposed",
				"management.endpoints.web.exposure.include");
	}

	@Test
	void pageSaysWhenTheEndpointIsSwitchedOff() throws Exception {
		String base = start("management.endpoints.web.exposure.include=*", "management.endpoints.access.default=none");
		JsonNode settings = settings(base + "/rusm/settings");
		assertThat(settings.path("access").asString()).isEqualTo("none");
		assertThat(settings.path("problem").asString()).contains("management.endpoint.rusm.access");
	}

	@Test
	void pageIsNotServedUnlessEnabled() throws Exception {
		String base = start("rusm.observer.enabled=false", "management.endpoints.web.exposure.include=rusm");
		assertThat(get(base + "/rusm").statusCode()).isEqualTo(404);
		assertThat(get(base + "/rusm/settings").statusCode()).isEqualTo(404);
	}

	private void assertOnlyLocalReferences(String base, String script, String page) throws Exception {
		List<String> pending = new ArrayList<>(references(page, "/rusm/"));
		List<String> seen = new ArrayList<>();
		while (!pending.isEmpty()) {
			String path = pending.remove(0);
			if (seen.contains(path)) {
				continue;
			}
			seen.add(path);
			assertThat(path).as("reference").startsWith("/rusm/assets/");
			HttpResponse<String> asset = get(base + path);
			assertThat(asset.statusCode()).as(path).isEqualTo(200);
			assertThat(asset.body()).as(path).doesNotContainPattern("https?://(?!www\\.w3\\.org/2000/svg)");
			pending.addAll(references(asset.body(), path.substring(0, path.lastIndexOf('/') + 1)));
		}
		assertThat(seen).contains(script, "/rusm/assets/observer.css", "/rusm/assets/api.js",
				"/rusm/assets/charts.js");
	}

	private static List<String> references(String text, String directory) {
		List<String> references = new ArrayList<>();
		Matcher matcher = REFERENCE.matcher(text);
		while (matcher.find()) {
			String reference = (matcher.group(1) != null) ? matcher.group(1) : matcher.group(2);
			if (reference.startsWith("#")) {
				continue;
			}
			references.add(reference.startsWith("./") ? directory + reference.substring(2) : reference);
		}
		return references;
	}

	private String start(String... properties) {
		List<String> all = new ArrayList<>(List.of("server.port=0", "server.address=127.0.0.1",
				"rusm.observer.enabled=true", "spring.main.banner-mode=off"));
		all.addAll(List.of(properties));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ObserverTestApplication.class)
			.properties(all.toArray(String[]::new))
			.run();
		this.contexts.add(context);
		Environment environment = context.getEnvironment();
		return "http://127.0.0.1:" + environment.getProperty("local.server.port");
	}

	private HttpResponse<String> get(String url) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private JsonNode settings(String url) throws IOException, InterruptedException {
		HttpResponse<String> response = get(url);
		assertThat(response.statusCode()).isEqualTo(200);
		return JsonMapper.builder().build().readTree(response.body());
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ObserverTestApplication {

	}

}
