package io.rusm.sample.observer;

import java.nio.file.Path;
import java.util.List;

import io.rusm.core.Pid;
import io.rusm.core.Runtime;
import io.rusm.core.SpawnOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The observer page when the {@code rusm} endpoint keeps its default, read-only access:
 * it shows everything, offers no kill button and says it is read-only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "management.endpoint.rusm.access=read-only")
class ObserverReadOnlyBrowserTests {

	@TempDir
	static Path profile;

	private static ChromeDriver driver;

	@LocalServerPort
	private int port;

	@Autowired
	private Runtime runtime;

	@BeforeAll
	static void startBrowser() {
		driver = Chromium.start(profile);
	}

	@AfterAll
	static void stopBrowser() {
		if (driver != null) {
			driver.quit();
		}
	}

	@Test
	void noKillButtonIsOfferedWhenTheEndpointIsReadOnly() {
		Pid worker = this.runtime.spawn(SpawnOptions.builder().label("worker").tags("read-only-test").build(),
				(ctx) -> {
					while (true) {
						ctx.receive();
					}
				})
			.pid();
		try {
			ObserverPage page = new ObserverPage(driver, this.port);
			page.open("processes?tag=read-only-test");
			page.await(ObserverPage.LOAD, (driver) -> page.tablePids().equals(List.of(worker.toString())));
			assertThat(page.find("#access").getText()).isEqualTo("read-only");
			assertThat(page.findAll("button.kill")).isEmpty();
			page.open("process/" + worker);
			page.await(ObserverPage.LOAD, (driver) -> page.find("#process-detail").getText().contains("worker"));
			assertThat(page.findAll("button.kill")).isEmpty();
			page.open("groups");
			page.awaitElement(ObserverPage.LOAD, "#tag-table tr[data-tag='read-only-test']");
			assertThat(page.findAll("button.kill")).isEmpty();
		}
		finally {
			this.runtime.kill(worker);
		}
	}

}
