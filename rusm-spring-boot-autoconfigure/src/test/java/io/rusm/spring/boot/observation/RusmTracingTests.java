package io.rusm.spring.boot.observation;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.rusm.core.Runtime;
import io.rusm.spring.boot.RusmHandler;
import io.rusm.spring.boot.RusmProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One trace from an HTTP request into the {@code @RusmProcess} singleton that serves the
 * controller's {@code call}, and back: a real server on a random port, Micrometer Tracing with the
 * OpenTelemetry bridge as Spring Boot configures it (nothing is exported).
 */
@ExtendWith(OutputCaptureExtension.class)
class RusmTracingTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Test
	void aRequestsTraceContinuesIntoTheHandlerAndItsLogLines(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TracedApplication.class)
			.web(WebApplicationType.SERVLET)
			.properties("server.port=0", "server.address=127.0.0.1", "management.tracing.sampling.probability=1.0",
					"spring.main.banner-mode=off")
			.run()) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			JsonNode trace = get(URI.create("http://127.0.0.1:" + port + "/trace"));
			String traceId = trace.path("controller").asString();
			assertThat(traceId).isNotBlank();
			assertThat(trace.path("handler").asString()).as("the handler's span").isEqualTo(traceId);
			assertThat(trace.path("handlerSpanParent").asString()).as("the handler's span is a new one")
				.isNotEqualTo(trace.path("controllerSpan").asString());
			assertThat(trace.path("mdc").asString()).as("MDC in the handler").isEqualTo(traceId);
			assertThat(trace.path("afterCall").asString()).as("the controller's trace after the call")
				.isEqualTo(traceId);
			assertThat(output.getOut().lines().filter((line) -> line.contains("handling where-am-i")))
				.singleElement()
				.asString()
				.contains(traceId);
		}
	}

	private static JsonNode get(URI uri) throws IOException, InterruptedException {
		try (HttpClient http = HttpClient.newHttpClient()) {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			return JsonMapper.builder().build().readTree(response.body());
		}
	}

	record WhereAmI() {
	}

	/**
	 * Leaves Spring Security out, as {@code WebTestApplication} does: the security tests' execution
	 * has it on the class path and also runs whatever {@code -Dtest} selects.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration(excludeName = { "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration" })
	@Import({ TraceController.class, Traced.class })
	static class TracedApplication {

	}

	@RestController
	static class TraceController {

		private final Runtime runtime;

		private final Tracer tracer;

		TraceController(Runtime runtime, Tracer tracer) {
			this.runtime = runtime;
			this.tracer = tracer;
		}

		@GetMapping("/trace")
		Map<String, String> trace() {
			Span span = Objects.requireNonNull(this.tracer.currentSpan(), "the request's span");
			Map<String, String> handler = this.runtime.call("traced", new WhereAmI(), TIMEOUT);
			Span after = Objects.requireNonNull(this.tracer.currentSpan(), "the request's span after the call");
			return Map.of("controller", span.context().traceId(), "controllerSpan", span.context().spanId(),
					"handler", handler.get("traceId"), "handlerSpanParent", handler.get("spanId"), "mdc",
					handler.get("mdc"), "afterCall", after.context().traceId());
		}

	}

	@RusmProcess("traced")
	static class Traced {

		private static final Logger logger = LoggerFactory.getLogger(Traced.class);

		private final Tracer tracer;

		Traced(Tracer tracer) {
			this.tracer = tracer;
		}

		@RusmHandler
		Map<String, String> whereAmI(WhereAmI query) {
			logger.info("handling where-am-i");
			Span span = Objects.requireNonNull(this.tracer.currentSpan(), "the handler's span");
			return Map.of("traceId", span.context().traceId(), "spanId", span.context().spanId(), "mdc",
					Objects.requireNonNullElse(MDC.get("traceId"), "none"));
		}

	}

}
