package dev.orderflow.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium, headless, driven through Debian's chromedriver: nothing is downloaded. Missing, it fails the
 * test with the command that installs it (CI's {@code .ci/run} does), never skips it.
 */
final class HeadlessChromium {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER =
            Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));

    private HeadlessChromium() {
    }

    /** A browser with a fresh profile: no cookies from another test. */
    static ChromeDriver start(Path profile) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("The console's browser test needs Chromium and its driver at " + CHROMIUM
                    + " and " + CHROMEDRIVER + " (or set CHROMIUM and CHROMEDRIVER). On Debian: "
                    + "apt-get install --no-install-recommends chromium chromium-driver (.ci/run installs them).");
        }
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                // This machine's network is closed: without these Chromium keeps trying Google's hosts.
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** The whole page at this width, as a person with that screen would scroll through it. */
    static void screenshot(ChromeDriver browser, int width, Path file) throws IOException {
        browser.manage().window().setSize(new Dimension(width, 900));
        Number height = (Number) browser.executeScript("return document.documentElement.scrollHeight");
        browser.manage().window().setSize(new Dimension(width, Math.min(2400, height.intValue() + 20)));
        Files.createDirectories(file.getParent());
        Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
        browser.manage().window().setSize(new Dimension(1280, 900));
    }
}
