package io.rusm.sample.readme;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.rusm.spring.boot.actuate.metrics.RusmMetricNames;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the root {@code README.md} in step with the code: its examples are the tagged
 * regions of {@link ReadmeExamplesTests}, {@link Greeter} and {@link ReminderTests}, and it
 * documents every {@code rusm} property of the starter's configuration metadata and every meter of {@link RusmMetricNames}, and its
 * quick start runs the tests the way CI does.
 */
class ReadmeTests {

	private static final Path README = Path.of("..", "README.md");

	private static final Path EXAMPLES = Path.of("src", "test", "java", "io", "rusm", "sample", "readme");

	/** The application of the starter's test that runs the README's endpoint security. */
	private static final Path SECURED_APPLICATION = Path.of("..", "rusm-spring-boot-autoconfigure", "src", "test",
			"java", "io", "rusm", "spring", "boot", "actuate", "SecuredWebTestApplication.java");

	private static final Pattern REGION = Pattern.compile("(?s)[ \\t]*// tag::([\\w-]+)\\[\\]\\n(.*?)[ \\t]*// end::\\1\\[\\]");

	@Test
	void readmeQuotesEveryExampleVerbatim() throws IOException {
		String readme = Files.readString(README);
		Map<String, String> examples = new LinkedHashMap<>();
		for (String file : new String[] { "ReadmeExamplesTests.java", "Greeter.java", "ReminderTests.java" }) {
			examples.putAll(regions(Files.readString(EXAMPLES.resolve(file))));
		}
		assertThat(examples).containsOnlyKeys("messages", "process-body", "tags", "timers", "hibernate",
				"hibernate-spawn", "supervisor", "call", "rusm-process", "testing-reminder", "testing-probe",
				"testing-assertions");
		examples.forEach((name, code) -> assertThat(readme).as("README example '%s'", name).contains(code));
	}

	@Test
	void readmeQuotesTheTestedEndpointSecurityVerbatim() throws IOException {
		Map<String, String> examples = regions(Files.readString(SECURED_APPLICATION));
		assertThat(examples).containsOnlyKeys("endpoint-security");
		assertThat(Files.readString(README)).contains(examples.get("endpoint-security"));
	}

	@Test
	void readmeDocumentsEveryRusmProperty() throws IOException {
		String readme = Files.readString(README);
		List<String> properties = rusmProperties();
		assertThat(properties).contains("rusm.enabled", "rusm.shutdown.timeout", "management.health.rusm.enabled");
		for (String property : properties) {
			assertThat(readme).as("README documents %s", property).contains("`" + property + "`");
		}
	}

	@Test
	void readmeDocumentsEveryMeter() throws IOException, IllegalAccessException {
		String readme = Files.readString(README);
		for (Field field : RusmMetricNames.class.getFields()) {
			if (Modifier.isStatic(field.getModifiers()) && field.get(null) instanceof String name
					&& name.startsWith("rusm.")) {
				assertThat(readme).as("README documents meter %s", name).contains("`" + name + "`");
			}
		}
	}

	@Test
	void quickStartTestCommandIsTheOneCiRuns() throws IOException {
		assertThat(Files.readString(README)).contains("```shell\n./mvnw -B verify\n```");
		assertThat(Files.readString(Path.of("..", ".ci", "run"))).contains("\n./mvnw -B verify\n");
	}

	/** The tagged regions of a source file, dedented, with tabs as four spaces. */
	static Map<String, String> regions(String source) {
		Map<String, String> examples = new LinkedHashMap<>();
		Matcher matcher = REGION.matcher(source);
		while (matcher.find()) {
			examples.put(matcher.group(1), dedent(matcher.group(2).replace("\t", "    ")));
		}
		return examples;
	}

	private static String dedent(String code) {
		List<String> lines = code.lines().toList();
		int indent = lines.stream()
			.filter((line) -> !line.isBlank())
			.mapToInt((line) -> line.length() - line.stripLeading().length())
			.min()
			.orElse(0);
		StringBuilder dedented = new StringBuilder();
		for (String line : lines) {
			dedented.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
		}
		return dedented.toString();
	}

	private static List<String> rusmProperties() throws IOException {
		List<String> properties = new ArrayList<>();
		JsonMapper json = JsonMapper.builder().build();
		for (URL url : Collections.list(
				ReadmeTests.class.getClassLoader().getResources("META-INF/spring-configuration-metadata.json"))) {
			try (InputStream in = url.openStream()) {
				for (JsonNode property : json.readTree(in).path("properties").values()) {
					String name = property.path("name").asString();
					if (name.startsWith("rusm.") || name.equals("management.health.rusm.enabled")) {
						properties.add(name);
					}
				}
			}
		}
		return properties;
	}

}
