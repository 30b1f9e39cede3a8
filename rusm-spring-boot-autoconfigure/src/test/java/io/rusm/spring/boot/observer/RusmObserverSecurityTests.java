package io.rusm.spring.boot.observer;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.rusm.core.Pid;
import io.rusm.core.Runtime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that, with Spring Security's default setup, the observer page and its settings
 * are protected like the {@code rusm} endpoint, and that the page's kill requests carry
 * the CSRF token Spring Security asks for. Run by the {@code security-tests} execution of
 * Surefire, the only one with Spring Security on the classpath.
 */
class RusmObserverSecurityTests {

	private static final String BASIC = "Basic "
			+ Base64.getEncoder().encodeToString("ops:secret".getBytes(StandardCharsets.UTF_8));

	private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

	private ConfigurableApplicationContext context;

	private String base;

	@BeforeEach
	void start() {
		this.context = new SpringApplicationBuilder(RusmObserverWebTests.ObserverTestApplication.class)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
					"rusm.observer.enabled=true", "management.endpoints.web.exposure.include=rusm",
					"management.endpoint.rusm.access=unrestricted", "spring.security.user.name=ops",
					"spring.security.user.password=secret")
			.run();
		this.base = "http://127.0.0.1:" + this.context.getEnvironment().getProperty("local.server.port");
	}

	@AfterEach
	void stop() {
		this.context.close();
	}

	@Test
	void pageSettingsAssetsAndEndpointNeedTheSameCredentials() throws Exception {
		for (String path : new String[] { "/rusm", "/rusm/", "/rusm/settings", "/rusm/assets/observer.js",
				"/actuator/rusm" }) {
			assertThat(send("GET", path, false, null).statusCode()).as(path).isEqualTo(401);
			assertThat(send("GET", path, true, null).statusCode()).as(path).isEqualTo(200);
		}
	}

	@Test
	void killsFromThePageCarryTheCsrfTokenOfItsSettings() throws Exception {
		Runtime runtime = this.context.getBean(Runtime.class);
		Pid victim = runtime.spawn((ctx) -> {
			while (true) {
				ctx.receive();
			}
		}).pid();
		String path = "/actuator/rusm/processes/" + victim.toString().split("\\.")[1];
		assertThat(send("DELETE", path, true, null).statusCode()).as("without the token").isIn(401, 403);
		assertThat(runtime.info(victim)).isPresent();
		JsonNode csrf = JsonMapper.builder()
			.build()
			.readTree(send("GET", "/rusm/settings", true, null).body())
			.path("csrf");
		assertThat(csrf.path("header").asString()).isNotBlank();
		HttpResponse<String> kill = send("DELETE", path, true,
				new String[] { csrf.path("header").asString(), csrf.path("token").asString() });
		assertThat(kill.statusCode()).isEqualTo(200);
		assertThat(runtime.info(victim)).isEmpty();
	}

	private HttpResponse<String> send(String method, String path, boolean authenticated, String[] header)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.header("Accept", "application/json");
		if (authenticated) {
			request.header("Authorization", BASIC);
		}
		if (header != null) {
			request.header(header[0], header[1]);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
