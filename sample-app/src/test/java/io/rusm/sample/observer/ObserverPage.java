package io.rusm.sample.observer;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The observer page as a person uses it: opens views, reads what they show and waits for
 * the live refresh to show something.
 */
final class ObserverPage {

	/** How long the page may take to show a change: "within a second". */
	static final Duration LIVE = Duration.ofSeconds(1);

	/** How long a view may take to load after it is opened. */
	static final Duration LOAD = Duration.ofSeconds(10);

	private final WebDriver driver;

	private final String url;

	ObserverPage(WebDriver driver, int port) {
		this.driver = driver;
		this.url = "http://127.0.0.1:" + port + "/rusm";
	}

	/**
	 * Opens the page afresh at a view, such as {@code tree} or
	 * {@code processes?tag=plan:1}, and waits until the page has read the endpoint once.
	 */
	void open(String view) {
		this.driver.get("about:blank");
		this.driver.get(this.url + "/#" + view);
		await(LOAD, (driver) -> "live".equals(driver.findElement(By.id("live")).getText()));
	}

	/** Clicks a tab, as a person switches views. */
	void show(String view) {
		this.driver.findElement(By.cssSelector("#tabs a[data-view='" + view + "']")).click();
	}

	WebElement find(String css) {
		return this.driver.findElement(By.cssSelector(css));
	}

	List<WebElement> findAll(String css) {
		return this.driver.findElements(By.cssSelector(css));
	}

	/** Waits until an element shows up, and returns it. */
	WebElement awaitElement(Duration within, String css) {
		return await(within, (driver) -> {
			List<WebElement> found = driver.findElements(By.cssSelector(css));
			return found.isEmpty() ? null : found.get(0);
		});
	}

	/** Waits until a condition holds, and returns its value. */
	<T> T await(Duration within, Function<WebDriver, T> condition) {
		return new WebDriverWait(this.driver, within, Duration.ofMillis(25))
			.ignoring(StaleElementReferenceException.class)
			.until(condition::apply);
	}

	/** Clicks an element, again if a refresh replaced it just before the click. */
	void click(String css) {
		await(LOAD, (driver) -> {
			driver.findElement(By.cssSelector(css)).click();
			return true;
		});
	}

	/** The pids in the rows of the process table, top to bottom, read in one go. */
	@SuppressWarnings("unchecked")
	List<String> tablePids() {
		return (List<String>) script("return [...document.querySelectorAll('#process-table tbody tr')]"
				+ ".map((row) => row.dataset.pid);");
	}

	String pageInfo() {
		return (String) script("return document.getElementById('page-info').textContent;");
	}

	/** Whether the document is wider than the window, so the whole page scrolls sideways. */
	boolean scrollsSideways() {
		return (Boolean) script("return document.documentElement.scrollWidth > window.innerWidth;");
	}

	private Object script(String script) {
		return ((JavascriptExecutor) this.driver).executeScript(script);
	}

}
