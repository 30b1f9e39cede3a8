package io.rusm.spring.boot.actuate;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.rusm.core.Runtime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Throws malformed, hostile and odd requests at the {@code rusm} endpoint over real HTTP,
 * with every HTTP method and with killing allowed: the endpoint must answer each with a
 * client error or a normal answer, never a server error, never a stack trace in a body
 * and never an {@code ERROR} in the log.
 */
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=rusm,health",
				"management.endpoint.rusm.access=unrestricted", "management.endpoint.health.show-details=always",
				"rusm.supervisor.max-restarts=0" })
@ExtendWith(OutputCaptureExtension.class)
class RusmEndpointFuzzWebTests {

	private static final List<String> METHODS = List.of("GET", "DELETE", "POST", "PUT", "PATCH", "HEAD", "OPTIONS",
			"TRACE");

	private static final List<String> KINDS = List.of("processes", "tags", "names", "exits", "census", "bogus");

	private static final List<String> IDS = List.of("", "%20", "%20%20", "%09", "%0A", "%0D%0A", "%00", "%7F",
			"%C2%85", "a%00b", "%2F", "a%2Fb", "%5C", "..", "%2E%2E", "..%2F..%2Fetc", ".", "%25", "%3B", "a;b=c",
			"%3Cscript%3E", "%E2%98%83", "%F0%9F%98%80", "%E2%80%AE", "%FF", "%C0%AF", "-1", "0",
			"99999999999999999999999", "%3C0.1.0%3E", "%3C1.2.3%3E", "<0.1.0>", "a\tb", "%zz", "%", "a%2",
			"\u2603", "x".repeat(256),
			"x".repeat(7000), "%E2%98%83".repeat(300), "greeter", "fragile-supervisor");

	private static final List<String> QUERIES = List.of("limit=0", "limit=1001", "limit=-5", "limit=1e3",
			"limit=%20", "limit=", "limit=1&limit=2", "offset=-1", "offset=99999999999", "offset=2147483647",
			"sort=", "sort=%00", "sort=pid%0A", "order=DESC", "order=", "label=", "label=%09", "tag=%20",
			"name=%0A", "name=" + "n".repeat(7000), "tag=%E2%98%83", "label=x&tag=y&name=z&sort=age&order=desc",
			"limit=\u00a0", "sort=a\u0001b", "name=a#b");

	private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 (\\d{3})");

	@LocalServerPort
	private int port;

	@Autowired
	private Runtime runtime;

	@Test
	void oddPathsNeverAnswerAServerErrorOrAStackTrace(CapturedOutput output) throws Exception {
		List<String> failures = new ArrayList<>();
		for (String kind : KINDS) {
			for (String id : IDS) {
				for (String method : List.of("GET", "DELETE")) {
					probe(method, "/actuator/rusm/" + kind + "/" + id, failures);
				}
			}
		}
		for (String id : IDS) {
			probe("GET", "/actuator/rusm/" + id, failures);
		}
		assertThat(failures).isEmpty();
		assertThat(this.runtime.whereis("greeter")).as("no probe killed the greeter").isPresent();
		assertNoErrorLogged(output);
	}

	@Test
	void everyMethodOnEveryPathShapeIsAnsweredWithoutAServerError(CapturedOutput output) throws Exception {
		List<String> failures = new ArrayList<>();
		List<String> paths = List.of("/actuator/rusm", "/actuator/rusm/", "/actuator/rusm/processes",
				"/actuator/rusm/tags/%20", "/actuator/rusm/names/%0A", "/actuator/rusm/processes/%09",
				"/actuator/rusm/processes/0", "/actuator/rusm/tags/nobody", "/actuator/rusm/a/b/c",
				"/actuator/rusm/%2F%2F", "/actuator/rusm/processes/" + "9".repeat(7000));
		for (String method : METHODS) {
			for (String path : paths) {
				probe(method, path, failures);
			}
		}
		assertThat(failures).isEmpty();
		assertNoErrorLogged(output);
	}

	@Test
	void oddQueryValuesNeverAnswerAServerError(CapturedOutput output) throws Exception {
		List<String> failures = new ArrayList<>();
		for (String query : QUERIES) {
			for (String section : List.of("processes", "census", "exits")) {
				probe("GET", "/actuator/rusm/" + section + "?" + query, failures);
			}
			probe("GET", "/actuator/rusm?" + query, failures);
		}
		assertThat(failures).isEmpty();
		assertNoErrorLogged(output);
	}

	/**
	 * Sends one request over a plain socket, so that the path reaches the server byte for
	 * byte as written (an HTTP client would refuse or re-encode the odd ones).
	 */
	private void probe(String method, String path, List<String> failures) throws IOException {
		String response;
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.UTF_8));
			out.flush();
			response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
		String request = method + " " + abbreviate(path);
		Matcher status = STATUS_LINE.matcher(response);
		if (!status.lookingAt()) {
			failures.add(request + " got no HTTP answer: " + abbreviate(response));
			return;
		}
		if (Integer.parseInt(status.group(1)) >= 500) {
			failures.add(request + " answered " + abbreviate(response));
		}
		if (response.contains("\tat ") || response.contains("\"trace\"") || response.contains("Exception")) {
			failures.add(request + " leaked a stack trace: " + abbreviate(response));
		}
	}

	/**
	 * Malformed percent escapes in the query string are refused by Tomcat with
	 * {@code 400} while Spring MVC reads the parameters, before the endpoint is called;
	 * Tomcat logs that at ERROR for every handler that reads parameters (any actuator
	 * endpoint's included), so only the status is checked here.
	 */
	@Test
	void malformedQueryEscapesAreClientErrors() throws Exception {
		List<String> failures = new ArrayList<>();
		for (String query : List.of("%zz=1", "limit=%zz", "label=%", "tag=%E2%98")) {
			probe("GET", "/actuator/rusm/processes?" + query, failures);
		}
		assertThat(failures).isEmpty();
	}

	private static void assertNoErrorLogged(CapturedOutput output) {
		assertThat(output.getAll().lines().filter((line) -> line.contains(" ERROR "))).isEmpty();
	}

	private static String abbreviate(String text) {
		return (text.length() > 120) ? text.substring(0, 120) + "..." : text;
	}

}
