package io.rusm.bench.observer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless {@code /usr/bin/chromium} driven through Debian's
 * {@code /usr/bin/chromedriver}, both named by path so Selenium never looks for (or downloads) a
 * browser; opens the observer page at a view and waits until it shows live data.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final Path BROWSER = Path.of("/usr/bin/chromium");

    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    /** Selenium's warning that it has no DevTools support for this Chromium version is noise here: kept quiet. */
    private static final Logger SELENIUM = Logger.getLogger("org.openqa.selenium");

    static {
        SELENIUM.setLevel(Level.SEVERE);
    }

    private final ChromeDriver driver;

    private final Path profile;

    HeadlessChromium() throws IOException {
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("The observer cost probe needs " + BROWSER + " and " + DRIVER
                    + " (apt-get install chromium chromium-driver)");
        }
        this.profile = Files.createTempDirectory("observer-cost-chromium");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-extensions", "--user-data-dir=" + this.profile, "--window-size=1280,900");
        this.driver = new ChromeDriver(service, options);
    }

    /**
     * Opens the page afresh at a view (a URL fragment such as {@code processes}) and waits until
     * it reads the endpoint and shows the view's content.
     *
     * @param url the page, such as {@code http://127.0.0.1:8080/rusm/}
     * @param view the fragment
     * @param shown a CSS selector that matches once the view shows data
     */
    void open(String url, String view, String shown) {
        this.driver.get("about:blank");
        this.driver.get(url + "#" + view);
        await((driver) -> "live".equals(driver.findElement(By.id("live")).getText())
                && !driver.findElements(By.cssSelector(shown)).isEmpty());
    }

    /** Leaves the page: nothing polls the application any more. */
    void blank() {
        this.driver.get("about:blank");
    }

    private void await(Predicate<WebDriver> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                if (condition.test(this.driver)) {
                    return;
                }
            }
            catch (WebDriverException ex) {
                // Not there yet (or replaced by a refresh): look again.
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the observer page did not show live data within 30 s at "
                        + this.driver.getCurrentUrl());
            }
            try {
                Thread.sleep(50);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }
    }

    @Override
    public void close() throws IOException {
        this.driver.quit();
        try (var files = Files.walk(this.profile)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
