package io.rusm.sample;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

import io.rusm.test.RusmExtension;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rusm jar names its module for the module path: reads the manifests of the packaged sample,
 * of each {@code rusm-*} jar nested in it, and of {@code rusm-test} (a test dependency, so on this
 * test's class path as the jar {@code package} built).
 */
class AutomaticModuleNamesIT {

	private static final String NAME = "Automatic-Module-Name";

	@Test
	void everyRusmJarOfTheSampleHasAnAutomaticModuleName() throws IOException {
		Path sample = Path.of(Objects.requireNonNull(System.getProperty("sample.jar"), "sample.jar"));
		Map<String, String> names = new TreeMap<>();
		try (JarFile jar = new JarFile(sample.toFile())) {
			names.put("sample-app", jar.getManifest().getMainAttributes().getValue(NAME));
			for (JarEntry entry : jar.stream().toList()) {
				String file = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
				if (entry.getName().startsWith("BOOT-INF/lib/rusm-")) {
					names.put(file.replaceFirst("-\\d.*\\.jar$", ""), nestedModuleName(jar, entry));
				}
			}
		}
		assertThat(names).containsEntry("sample-app", "io.rusm.sample")
			.containsEntry("rusm-core", "io.rusm.core")
			.containsEntry("rusm-spring-boot-autoconfigure", "io.rusm.spring.boot.autoconfigure")
			.containsEntry("rusm-spring-boot-starter", "io.rusm.spring.boot.starter");
		assertThat(names).allSatisfy((artifact, name) -> assertThat(name).as(artifact)
			.isEqualTo("io." + artifact.replace('-', '.').replace("sample.app", "rusm.sample")));
	}

	@Test
	void rusmTestHasAnAutomaticModuleName() throws IOException, URISyntaxException {
		Path jar = Path.of(RusmExtension.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		assertThat(jar.getFileName().toString()).as("rusm-test as a packaged jar").endsWith(".jar");
		try (JarFile file = new JarFile(jar.toFile())) {
			assertThat(file.getManifest().getMainAttributes().getValue(NAME)).isEqualTo("io.rusm.test");
		}
	}

	private static @Nullable String nestedModuleName(JarFile outer, JarEntry entry) throws IOException {
		try (InputStream in = outer.getInputStream(entry); JarInputStream nested = new JarInputStream(in)) {
			Manifest manifest = nested.getManifest();
			return (manifest != null) ? manifest.getMainAttributes().getValue(NAME) : null;
		}
	}
}
