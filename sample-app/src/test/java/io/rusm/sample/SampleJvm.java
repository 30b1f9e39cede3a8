package io.rusm.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The jar that {@code package} built, running as a JVM of its own with its output in a log
 * file beside the jar, and an HTTP client for it: what the end-to-end tests drive the way a
 * user would.
 */
final class SampleJvm implements AutoCloseable {

	/** How long a sample may take to start on a loaded machine. */
	static final Duration STARTUP = Duration.ofSeconds(120);

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern STARTED_ON_PORT = Pattern.compile("Tomcat started on port (\\d+)");

	private final String name;

	private final Process process;

	private final Path log;

	private final Duration requestTimeout;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private @Nullable URI base;

	private SampleJvm(String name, Process process, Path log, Duration requestTimeout) {
		this.name = name;
		this.process = process;
		this.log = log;
		this.requestTimeout = requestTimeout;
	}

	/**
	 * Starts the packaged sample on a random HTTP port; {@link #awaitStarted()} waits for it.
	 * @param name what the tests call this JVM, also the log file's name ({@code name.log})
	 * @param requestTimeout how long one HTTP request to it may take
	 * @param jvmOptions options before {@code -jar}, such as {@code -Dspring.aot.enabled=true}
	 * @param arguments the application's arguments after {@code --server.port=0}
	 */
	static SampleJvm start(String name, Duration requestTimeout, List<String> jvmOptions, String... arguments)
			throws IOException {
		Path jar = Path.of(Objects.requireNonNull(System.getProperty("sample.jar"), "sample.jar"));
		assertThat(jar).as("the jar built by package").isRegularFile();
		Path log = jar.resolveSibling(name + ".log");
		Files.deleteIfExists(log);
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-XX:TieredStopAtLevel=1");
		command.addAll(jvmOptions);
		command.addAll(List.of("-jar", jar.toString(), "--server.port=0", "--server.address=127.0.0.1"));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		return new SampleJvm(name, process, log, requestTimeout);
	}

	/** Waits for the sample to log its HTTP port; fails at once if the JVM exits first. */
	SampleJvm awaitStarted() {
		int port = await(this.name + " to log its port").atMost(STARTUP)
			.pollInterval(Duration.ofMillis(200))
			.failFast(this.name + " exited early; see " + this.log, () -> !this.process.isAlive())
			.until(this::loggedPort, Optional::isPresent)
			.orElseThrow();
		this.base = URI.create("http://127.0.0.1:" + port);
		return this;
	}

	String name() {
		return this.name;
	}

	Process process() {
		return this.process;
	}

	/** Everything the JVM has written so far. */
	String output() throws IOException {
		return Files.readString(this.log);
	}

	/** Sends a request, with {@code body} as JSON when not null, and answers the response as is. */
	HttpResponse<String> send(String method, String path, @Nullable String body) {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(Objects.requireNonNull(this.base, "not started yet").resolve(path))
			.timeout(this.requestTimeout);
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		request.method(method,
				(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(method + " " + path + " on " + this.name + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(method + " " + path + " on " + this.name + " interrupted", ex);
		}
	}

	/** Sends a request, asserts its status and answers the JSON body (empty for none). */
	JsonNode send(String method, String path, @Nullable String body, int status) {
		HttpResponse<String> response = send(method, path, body);
		assertThat(response.statusCode()).as("%s %s on %s: %s", method, path, this.name, response.body())
			.isEqualTo(status);
		return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
	}

	/** {@code GET path}, which must answer {@code 200}, as JSON. */
	JsonNode get(String path) {
		return send("GET", path, null, 200);
	}

	private Optional<Integer> loggedPort() throws IOException {
		Matcher matcher = STARTED_ON_PORT.matcher(Files.exists(this.log) ? Files.readString(this.log) : "");
		return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
	}

	/** Kills the JVM if it still runs. */
	@Override
	public void close() {
		this.process.destroyForcibly();
	}

}
