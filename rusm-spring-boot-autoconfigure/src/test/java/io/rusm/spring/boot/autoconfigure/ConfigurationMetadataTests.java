package io.rusm.spring.boot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that every {@code rusm} key is described by the configuration metadata that IDEs
 * read, generated from {@link RusmProperties} or added by hand for condition-only keys.
 */
class ConfigurationMetadataTests {

	private static final List<String> KEYS = List.of("rusm.enabled", "rusm.mailbox.track-depth",
			"rusm.mailbox.capacity", "rusm.log.level", "rusm.census.debounce", "rusm.shutdown.timeout",
			"rusm.supervisor.max-restarts", "rusm.supervisor.within", "rusm.exit-history.max-size",
			"rusm.exit-history.ttl", "rusm.observations.enabled", "rusm.observer.enabled", "rusm.observer.path", "rusm.observer.refresh-interval",
			"rusm.cluster.enabled", "rusm.cluster.name", "rusm.cluster.node-name", "rusm.cluster.port",
			"rusm.cluster.members", "rusm.cluster.failure-detection-timeout", "management.health.rusm.enabled",
			"management.endpoint.rusm.access");

	@Test
	void everyKeyIsDescribed() throws IOException {
		Map<String, JsonNode> properties = properties();
		assertThat(properties).containsKeys(KEYS.toArray(String[]::new));
		for (String key : KEYS) {
			assertThat(properties.get(key).path("description").asString()).as(key).isNotBlank();
		}
	}

	@Test
	void descriptionsUseBootsWording() throws IOException {
		Map<String, JsonNode> properties = properties();
		for (String key : KEYS) {
			String description = properties.get(key).path("description").asString();
			assertThat(description).as(key).doesNotStartWith("The ").endsWith(".");
		}
		assertThat(properties.get("rusm.enabled").path("description").asString()).startsWith("Whether");
		assertThat(properties.get("rusm.mailbox.track-depth").path("description").asString()).startsWith("Whether");
	}

	@Test
	void defaultsAreDocumented() throws IOException {
		Map<String, JsonNode> properties = properties();
		assertThat(properties.get("rusm.enabled").path("defaultValue").asBoolean()).isTrue();
		assertThat(properties.get("rusm.shutdown.timeout").path("defaultValue").asString()).isEqualTo("10s");
		assertThat(properties.get("rusm.supervisor.max-restarts").path("defaultValue").asInt()).isEqualTo(3);
		assertThat(properties.get("rusm.supervisor.within").path("defaultValue").asString()).isEqualTo("5s");
		assertThat(properties.get("rusm.log.level").path("defaultValue").asString()).isEqualTo("error");
		assertThat(properties.get("rusm.observer.enabled").path("defaultValue").asBoolean()).isFalse();
		assertThat(properties.get("rusm.observer.path").path("defaultValue").asString()).isEqualTo("/rusm");
		assertThat(properties.get("rusm.observations.enabled").path("defaultValue").asBoolean()).isTrue();
		assertThat(properties.get("rusm.cluster.enabled").path("defaultValue").asBoolean()).isFalse();
		assertThat(properties.get("rusm.cluster.name").path("defaultValue").asString()).isEqualTo("rusm");
		assertThat(properties.get("rusm.cluster.port").path("defaultValue").asInt()).isEqualTo(5701);
		assertThat(properties.get("rusm.cluster.members").path("defaultValue").get(0).asString()).isEqualTo("127.0.0.1");
		assertThat(properties.get("rusm.cluster.failure-detection-timeout").path("defaultValue").asString())
			.isEqualTo("10s");
	}

	private static Map<String, JsonNode> properties() throws IOException {
		Map<String, JsonNode> properties = new HashMap<>();
		JsonMapper mapper = JsonMapper.builder().build();
		Enumeration<URL> resources = ConfigurationMetadataTests.class.getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json");
		while (resources.hasMoreElements()) {
			try (InputStream stream = resources.nextElement().openStream()) {
				for (JsonNode property : mapper.readTree(stream).path("properties")) {
					properties.putIfAbsent(property.path("name").asString(), property);
				}
			}
		}
		return properties;
	}

}
