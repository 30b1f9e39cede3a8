package io.rusm.sample.observer;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.assertj.core.api.Assertions.fail;

/**
 * Starts Debian's headless {@code chromium} through Debian's {@code chromedriver}, both
 * named by path, so Selenium never looks for (or downloads) a browser or a driver.
 * Without them the browser tests are skipped on a developer machine and fail in CI (when
 * the {@code CI} environment variable is set).
 */
final class Chromium {

	static final String PACKAGES = "the Debian packages chromium and chromium-driver";

	private Chromium() {
	}

	/**
	 * Starts a headless browser with a fresh profile, or skips (fails in CI) the calling
	 * test when the browser or its driver is not installed.
	 * @param profile an empty directory for the browser's profile
	 * @return the driver of the browser
	 */
	static ChromeDriver start(Path profile) {
		Optional<Path> browser = find("chromium");
		Optional<Path> driver = find("chromedriver");
		if (browser.isEmpty() || driver.isEmpty()) {
			String message = "The observer's browser tests need " + PACKAGES
					+ " (apt-get install chromium chromium-driver): " + (browser.isEmpty() ? "chromium" : "chromedriver")
					+ " is not on the PATH";
			if (System.getenv("CI") != null) {
				fail(message + ", and CI must run them");
			}
			Assumptions.abort(message + "; skipped");
		}
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(driver.get().toFile())
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(browser.get().toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--no-first-run", "--disable-extensions", "--user-data-dir=" + profile.toAbsolutePath(),
				"--window-size=1280,900");
		return new ChromeDriver(service, options);
	}

	private static Optional<Path> find(String command) {
		String path = System.getenv().getOrDefault("PATH", "");
		return Stream.concat(Stream.of(path.split(File.pathSeparator)), Stream.of("/usr/bin"))
			.filter((directory) -> !directory.isBlank())
			.map((directory) -> Path.of(directory, command))
			.filter(Files::isExecutable)
			.findFirst();
	}

}
