package io.rusm.sample.observer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.rusm.cluster.RusmCluster;
import io.rusm.core.Pid;
import io.rusm.sample.SampleApplication;
import io.rusm.sample.plans.PlanTracker;
import io.rusm.test.LoopbackPorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The observer's Nodes view in cluster mode: two instances of the sample in one JVM, each
 * with its own embedded member on a free loopback port (TCP/IP member list, never
 * multicast), form one cluster; the page of one of them lists both nodes, marks its own,
 * and shows which node holds the {@code plan-tracker} singleton's global name.
 */
class ObserverClusterBrowserTests {

	private static final Duration FORMED = Duration.ofSeconds(30);

	private static final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

	@TempDir
	static Path profile;

	private static ChromeDriver driver;

	@BeforeAll
	static void startBrowserAndTwoNodes() {
		driver = Chromium.start(profile);
		List<Integer> ports = LoopbackPorts.free(2);
		String cluster = "rusm-observer-test-" + UUID.randomUUID();
		String members = LoopbackPorts.memberList(ports);
		for (int i = 0; i < ports.size(); i++) {
			// Command-line arguments, so they win over the sample's application.yml (cluster off).
			nodes.add(new SpringApplicationBuilder(SampleApplication.class).run("--server.port=0",
					"--server.address=127.0.0.1", "--rusm.cluster.enabled=true", "--rusm.cluster.name=" + cluster,
					"--rusm.cluster.node-name=node-" + i, "--rusm.cluster.port=" + ports.get(i),
					"--rusm.cluster.members=" + members, "--logging.level.com.hazelcast=warn"));
		}
		await("two nodes in one cluster").atMost(FORMED)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> nodes.stream().allMatch((node) -> cluster(node).nodeCount() == 2));
	}

	@AfterAll
	static void stopBrowserAndNodes() {
		if (driver != null) {
			driver.quit();
		}
		nodes.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void theNodesViewListsBothNodesMarksTheLocalOneAndShowsWhichNodeHoldsTheTracker() {
		String holder = await("plan-tracker registered").atMost(FORMED)
			.until(() -> cluster(nodes.get(1)).whereis(PlanTracker.NAME), Optional::isPresent)
			.map((Pid pid) -> cluster(nodes.get(1)).nodeNameOf(pid))
			.orElseThrow();
		ObserverPage page = new ObserverPage(driver, httpPort(nodes.get(0)));
		page.open("overview");
		page.await(ObserverPage.LOAD, (driver) -> page.find("#tabs a[data-view='nodes']").isDisplayed());
		page.show("nodes");

		page.await(ObserverPage.LOAD, (driver) -> page.findAll("#node-table tbody tr").size() == 2);
		assertThat(page.findAll("#node-table tbody tr")).extracting((row) -> row.getAttribute("data-node"))
			.containsExactlyInAnyOrder("node-0", "node-1");
		WebElement local = page.find("#node-table tr[data-node='node-0']");
		assertThat(local.getText()).contains("node-0").contains("this node");
		assertThat(page.find("#node-table tr[data-node='node-1']").getText()).contains("node-1")
			.doesNotContain("this node");
		assertThat(page.findAll("#node-table tr.local")).containsExactly(local);

		WebElement tracker = page.awaitElement(ObserverPage.LOAD, "#global-table tr[data-name='plan-tracker']");
		assertThat(tracker.findElements(By.tagName("td"))).extracting(WebElement::getText)
			.first()
			.isEqualTo(PlanTracker.NAME);
		assertThat(tracker.findElements(By.tagName("td")).get(2).getText()).isEqualTo(holder);
		assertThat(page.find("#cluster-name").getText()).startsWith("Cluster rusm-observer-test-");
	}

	private static RusmCluster cluster(ConfigurableApplicationContext node) {
		return node.getBean(RusmCluster.class);
	}

	private static int httpPort(ConfigurableApplicationContext node) {
		return Integer.parseInt(node.getEnvironment().getRequiredProperty("local.server.port"));
	}


}
