package io.rusm.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged sample started in AOT mode ({@code -Dspring.aot.enabled=true}), the way a native
 * image runs it: the context is the one Spring's AOT processing generated at build time
 * ({@code process-aot}), and a plan and a {@code @RusmHandler} singleton work through it.
 */
class SampleApplicationAotIT {

	private static final Duration STARTUP = Duration.ofSeconds(120);

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private static final Pattern STARTED_ON_PORT = Pattern.compile("Tomcat started on port (\\d+)");

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final Path log = Path.of(Objects.requireNonNull(System.getProperty("sample.log"), "sample.log"))
		.resolveSibling("sample-app-aot-it.log");

	private @Nullable Process app;

	@AfterEach
	void stop() {
		if (this.app != null) {
			this.app.destroyForcibly();
		}
	}

	@Test
	void theAotProcessedSampleRunsAPlanAndAHandlerSingleton() throws IOException {
		URI base = start();
		assertThat(Files.readString(this.log)).contains("Starting AOT-processed SampleApplication");

		HttpResponse<String> created = send(base, "POST", "/plans", "{\"agents\": 2, \"workMillis\": 300}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		long id = json.readTree(created.body()).path("id").asLong();
		await("the plan to complete").atMost(PATIENCE).untilAsserted(() -> {
			JsonNode plan = getJson(base, "/plans/" + id);
			assertThat(plan.path("status").asString()).isEqualTo("completed");
			assertThat(plan.path("finishedAgents").asInt()).isEqualTo(2);
		});

		assertThat(send(base, "POST", "/counter/visits", null).statusCode()).isEqualTo(200);
		assertThat(getJson(base, "/counter").path("visits").asLong()).isEqualTo(1);
		assertThat(getJson(base, "/actuator/rusm").path("singletons").values())
			.extracting((singleton) -> singleton.path("status").asString())
			.containsOnly("running");
	}

	private URI start() throws IOException {
		Path jar = Path.of(Objects.requireNonNull(System.getProperty("sample.jar"), "sample.jar"));
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		Files.deleteIfExists(this.log);
		Process process = new ProcessBuilder(java.toString(), "-XX:TieredStopAtLevel=1", "-Dspring.aot.enabled=true",
				"-jar", jar.toString(), "--server.port=0")
			.redirectErrorStream(true)
			.redirectOutput(this.log.toFile())
			.start();
		this.app = process;
		int port = await("the AOT-processed sample to log its port").atMost(STARTUP)
			.pollInterval(Duration.ofMillis(200))
			.failFast("the sample exited early; see " + this.log, () -> !process.isAlive())
			.until(this::loggedPort, Optional::isPresent)
			.orElseThrow();
		return URI.create("http://localhost:" + port);
	}

	private Optional<Integer> loggedPort() throws IOException {
		Matcher matcher = STARTED_ON_PORT.matcher(Files.exists(this.log) ? Files.readString(this.log) : "");
		return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
	}

	private JsonNode getJson(URI base, String path) {
		HttpResponse<String> response = send(base, "GET", path, null);
		assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private HttpResponse<String> send(URI base, String method, String path, @Nullable String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(PATIENCE);
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		request.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
				: HttpRequest.BodyPublishers.noBody());
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(method + " " + path + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(method + " " + path + " interrupted", ex);
		}
	}
}
