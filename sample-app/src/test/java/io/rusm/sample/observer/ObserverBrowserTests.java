package io.rusm.sample.observer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.rusm.core.Pid;
import io.rusm.core.Runtime;
import io.rusm.core.SpawnOptions;
import io.rusm.sample.counter.CounterController;
import io.rusm.sample.plans.PlanView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The observer page of the sample app (kills allowed, as the sample configures the
 * endpoint), checked in headless Chromium the way a person would look at it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class ObserverBrowserTests {

	private static final Dimension DESKTOP = new Dimension(1280, 800);

	private static final Dimension PHONE = new Dimension(390, 844);

	@TempDir
	static Path profile;

	private static ChromeDriver driver;

	@LocalServerPort
	private int port;

	@Autowired
	private RestTestClient client;

	@Autowired
	private Runtime runtime;

	private ObserverPage page;

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

	@BeforeEach
	void openPage() {
		driver.manage().window().setSize(DESKTOP);
		this.page = new ObserverPage(driver, this.port);
	}

	@Test
	void singletonsAppearInTheSupervisionTree() {
		this.page.open("tree");
		for (String name : List.of("visit-counter", "plan-tracker")) {
			WebElement singleton = this.page.awaitElement(ObserverPage.LOAD, "li.singleton[data-name='" + name + "']");
			assertThat(singleton.getDomAttribute("data-status")).isEqualTo("running");
			assertThat(singleton.getText()).contains(this.runtime.whereis(name).orElseThrow().toString());
		}
	}

	@Test
	void startingAPlanShowsItsAgentsInTheTableAndTheCensusWithinASecondAndCancellingRemovesThem() {
		this.page.open("processes?label=agent");
		PlanView plan = startPlan(3);
		List<String> agents = this.runtime.whereisTag(plan.tag()).stream().map(Pid::toString).toList();
		this.page.await(ObserverPage.LIVE, (driver) -> this.page.tablePids().containsAll(agents));

		this.page.show("overview");
		PlanView second = startPlan(4);
		int agentCount = this.runtime.census().getOrDefault("agent", 0);
		this.page.await(ObserverPage.LIVE,
				(driver) -> this.page.findAll("#census-chart [data-label='agent']")
					.stream()
					.anyMatch((bar) -> Integer.parseInt(bar.getDomAttribute("data-value")) >= agentCount));

		this.page.open("processes?tag=" + plan.tag());
		this.page.await(ObserverPage.LOAD, (driver) -> this.page.tablePids().size() == 3);
		cancel(plan);
		this.page.await(ObserverPage.LIVE, (driver) -> this.page.tablePids().isEmpty());
		assertThat(this.page.pageInfo()).contains("of 0");
		cancel(second);
	}

	@Test
	void crashingTheCounterShowsTheCrashInExitsAndTheRestartInTheTree() {
		this.page.open("exits");
		CounterController.Crash crash = this.client.post()
			.uri("/counter/crash")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(CounterController.Crash.class)
			.returnResult()
			.getResponseBody();
		assertThat(crash).isNotNull();
		assertThat(crash.restarted()).isNotNull();
		String crashed = "details.crash[data-pid='" + crash.crashed() + "']";
		WebElement exit = this.page.awaitElement(ObserverPage.LOAD, crashed + ":not([open])");
		assertThat(exit.getText()).contains("crashed", "IllegalStateException");
		this.page.click(crashed + " summary");
		String stack = this.page.await(ObserverPage.LIVE, (driver) -> {
			WebElement shown = driver.findElement(By.cssSelector(crashed + "[open] pre.stack"));
			return shown.isDisplayed() ? shown.getText() : null;
		});
		assertThat(stack).contains("Crash requested", "VisitCounter.run");

		this.page.show("tree");
		WebElement counter = this.page.awaitElement(ObserverPage.LIVE,
				"li.singleton.restarted[data-name='visit-counter']");
		assertThat(Integer.parseInt(counter.getDomAttribute("data-restarts"))).isPositive();
		assertThat(counter.getText()).contains(crash.restarted(), "restarted");
	}

	@Test
	void aKillButtonStopsAProcessOnceConfirmed() {
		PlanView plan = startPlan(2);
		this.page.open("processes?tag=" + plan.tag());
		this.page.await(ObserverPage.LOAD, (driver) -> this.page.tablePids().size() == 2);
		assertThat(this.page.find("#access").getText()).isEqualTo("kills allowed");
		String victim = this.page.tablePids().get(0);
		this.page.click("#process-table tr[data-pid='" + victim + "'] button.kill");
		assertThat(driver.switchTo().alert().getText()).contains(victim);
		driver.switchTo().alert().accept();
		this.page.await(ObserverPage.LIVE, (driver) -> this.page.tablePids().size() == 1);
		assertThat(this.runtime.info(Pid.parse(victim))).isEmpty();
		cancel(plan);
	}

	@Test
	void filteringAndPagingWorkOnFiveThousandProcesses() {
		List<Pid> idlers = new ArrayList<>();
		for (int i = 0; i < 5000; i++) {
			SpawnOptions.Builder options = SpawnOptions.builder().label("idler").tags("idlers");
			if (i % 1000 == 0) {
				options.tags("idlers", "idlers:rare");
			}
			if (i == 2500) {
				options.name("idler-2500");
			}
			idlers.add(this.runtime.spawn(options.build(), (ctx) -> {
				while (true) {
					ctx.receive();
				}
			}).pid());
		}
		try {
			this.page.open("processes?label=idler");
			this.page.await(ObserverPage.LOAD, (driver) -> this.page.pageInfo().equals("1–50 of 5,000 (filtered)"));
			assertThat(this.page.tablePids()).hasSize(50);
			this.page.click("#next");
			this.page.await(ObserverPage.LIVE, (driver) -> this.page.pageInfo().startsWith("51–100 of 5,000"));
			assertThat(this.page.tablePids()).hasSize(50).doesNotContain(idlers.get(0).toString());
			this.page.click("#process-table th[data-sort='pid']");
			this.page.await(ObserverPage.LIVE, (driver) -> this.page.pageInfo().startsWith("1–50 of 5,000")
					&& this.page.tablePids().get(0).equals(idlers.get(idlers.size() - 1).toString()));
			this.page.click("#process-table th[data-sort='pid']");
			this.page.await(ObserverPage.LIVE,
					(driver) -> this.page.tablePids().get(0).equals(idlers.get(0).toString()));

			filter("label", "");
			filter("tag", "idlers:rare");
			this.page.await(ObserverPage.LIVE, (driver) -> this.page.tablePids().size() == 5);
			filter("tag", "");
			filter("name", "idler-2500");
			this.page.await(ObserverPage.LIVE,
					(driver) -> this.page.tablePids().equals(List.of(idlers.get(2500).toString())));
			filter("name", "");
			filter("pid", idlers.get(4321).toString());
			this.page.awaitElement(ObserverPage.LIVE, "#process-detail h2");
			this.page.await(ObserverPage.LIVE, (driver) -> this.page.find("#process-detail h2")
				.getText()
				.contains(idlers.get(4321).toString()));
			assertThat(this.page.find("#process-detail").getText()).contains("idler", "idlers");
		}
		finally {
			this.runtime.killTag("idlers");
		}
	}

	@Test
	void fitsDesktopAndPhoneWindowsAndSavesTheReadmeScreenshot() throws Exception {
		this.page.open("overview");
		PlanView plan = startPlan(12);
		this.page.awaitElement(ObserverPage.LOAD, "#census-chart [data-label='agent']");
		long exited = this.runtime.finished();
		startPlan(40, 1500);
		await().atMost(Duration.ofSeconds(30)).until(() -> this.runtime.finished() >= exited + 40);
		this.page.await(ObserverPage.LIVE, (driver) -> Long.parseLong(
				this.page.find("#counters [data-counter='exited'] .number").getText().replace(",", "")) >= exited + 40);
		this.page.awaitElement(ObserverPage.LOAD, "#rate-chart path.line.exits");
		assertThat(this.page.scrollsSideways()).isFalse();
		Path screenshot = Path.of(System.getProperty("observer.screenshot", "target/observer.png"));
		Files.createDirectories(screenshot.toAbsolutePath().getParent());
		Files.write(screenshot, driver.getScreenshotAs(OutputType.BYTES));

		driver.manage().window().setSize(PHONE);
		for (String view : List.of("overview", "processes?label=agent", "tree", "groups", "exits")) {
			this.page.open(view);
			if (view.startsWith("processes")) {
				this.page.await(ObserverPage.LOAD, (driver) -> !this.page.tablePids().isEmpty());
			}
			assertThat(this.page.scrollsSideways()).as(view).isFalse();
			assertThat(this.page.find("#tabs").isDisplayed()).isTrue();
		}
		cancel(plan);
	}

	private void filter(String field, String value) {
		WebElement input = this.page.find("#filter input[name='" + field + "']");
		input.clear();
		input.sendKeys(value);
		this.page.click("#filter button[type='submit']");
	}

	private PlanView startPlan(int agents) {
		return startPlan(agents, 120_000);
	}

	private PlanView startPlan(int agents, int workMillis) {
		PlanView plan = this.client.post()
			.uri("/plans")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"agents\": " + agents + ", \"workMillis\": " + workMillis + "}")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(PlanView.class)
			.returnResult()
			.getResponseBody();
		assertThat(plan).isNotNull();
		return plan;
	}

	private void cancel(PlanView plan) {
		this.client.delete().uri("/plans/{id}", plan.id()).exchange().expectStatus().isOk();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.runtime.whereisTag(plan.tag()).isEmpty());
	}

}
