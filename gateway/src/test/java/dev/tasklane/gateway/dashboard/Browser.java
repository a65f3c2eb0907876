package dev.tasklane.gateway.dashboard;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

/**
 * Debian's headless Chromium driven by its ChromeDriver against the gateway under test, with screenshots kept in
 * {@code target/dashboard-screenshots}. Without the two programs the browser tests are skipped, unless
 * {@code TASKLANE_BROWSER_TESTS=required} (as CI sets it) makes that a failure.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final String base;

    private Browser(ChromeDriver driver, String base) {
        this.driver = driver;
        this.base = base;
    }

    /** A fresh browser with an empty profile, for pages of {@code base} (such as http://127.0.0.1:port). */
    static Browser open(String base) {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "required".equals(System.getenv("TASKLANE_BROWSER_TESTS"))) {
            throw new AssertionError("browser tests are required but " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing: apt-get install chromium chromium-driver");
        }
        Assumptions.assumeTrue(present, "browser tests SKIPPED: install chromium and chromium-driver to run them");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,1400", "--user-data-dir=" + tempProfile());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options), base);
    }

    private static String tempProfile() {
        try {
            File profile = Files.createTempDirectory("tasklane-chromium").toFile();
            profile.deleteOnExit();
            return profile.getAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens the page at {@code path} (such as /#/tasks), as a new document. */
    void go(String path) {
        driver.get(base + path);
    }

    /** Changes the page's view without reloading it, as a click on a link would. */
    void route(String hash) {
        script("location.hash = arguments[0]", hash);
    }

    WebElement find(By by) {
        return until(d -> d.findElement(by));
    }

    WebElement find(String css) {
        return find(By.cssSelector(css));
    }

    /**
     * Waits until {@code condition} gives something other than null or false; if it never does, fails with what the
     * page showed, kept as a screenshot too.
     */
    <T> T until(Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, PATIENCE).ignoring(StaleElementReferenceException.class).until(condition);
        } catch (TimeoutException e) {
            String name = "timed-out-" + System.currentTimeMillis();
            screenshot(name);
            throw new AssertionError("the page never got there (see " + SCREENSHOTS.resolve(name + ".png") + ") at "
                    + driver.getCurrentUrl() + ", showing:\n" + driver.findElement(By.tagName("body")).getText(), e);
        }
    }

    Object script(String code, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(code, arguments);
    }

    WebDriver driver() {
        return driver;
    }

    /** Keeps a screenshot of the page as it is now, as {@code target/dashboard-screenshots/<name>.png}. */
    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
