package dev.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.stack.TokenClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser against the real system: a customer signs in on auth-server's form, places an
 * order and watches it reach CONFIRMED without a reload, cancels it and sees the refund arrive in its history; an
 * operator signs in, finds the groups that dead-lettered poison records and replays one. Screenshots of both views
 * go to {@code system-tests/target/console-screenshots}.
 */
class ConsoleBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target/console-screenshots");
    /** Long enough for a cold system on two shared cores; each wait ends as soon as its condition holds. */
    private static final Duration SAGA = Duration.ofSeconds(60);

    private static ConsoleSystem stack;

    @TempDir
    Path profile;
    private ChromeDriver browser;

    @BeforeAll
    static void startSystem() {
        stack = new ConsoleSystem().start();
    }

    @AfterAll
    static void stopSystem() {
        if (stack != null) {
            stack.close();
        }
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aCustomerWatchesItsOrderConfirmedThenCancelledAndRefundedWithoutAReload() throws Exception {
        browser = HeadlessChromium.start(profile);
        signIn("Sign in as a customer", "console-" + UUID.randomUUID().toString().substring(0, 8),
                TokenClient.CUSTOMER_PASSWORD);
        await(Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(By.id("new-order-title")));
        // Marks this page: a reload or navigation would lose the mark.
        browser.executeScript("window.consoleTestMark = 'same page'");

        browser.findElement(By.cssSelector("#new-order button[type=submit]")).click();
        By order = By.cssSelector("li[data-order-id]");
        await(SAGA).until(ExpectedConditions.textToBePresentInElementLocated(order, "CONFIRMED"));
        WebElement card = browser.findElement(order);
        assertThat(card.getText()).contains("Payment taken", "Stock reserved", "Confirmed");

        card.findElement(By.xpath(".//button[starts-with(., 'Cancel order')]")).click();
        await(SAGA).until(ExpectedConditions.textToBePresentInElementLocated(order, "Payment refunded"));
        await(SAGA).until(ExpectedConditions.textToBePresentInElementLocated(order, "Stock released"));
        assertThat(browser.findElement(By.cssSelector("li[data-order-id] [data-status]")).getDomAttribute("data-status"))
                .isEqualTo("CANCELLED");
        assertThat(browser.findElement(order).getText()).contains("CANCELLED (cancelled by you)");
        assertThat(browser.executeScript("return window.consoleTestMark")).isEqualTo("same page");

        HeadlessChromium.screenshot(browser, 1280, SCREENSHOTS.resolve("customer.png"));
        HeadlessChromium.screenshot(browser, 390, SCREENSHOTS.resolve("customer-narrow.png"));
    }

    @Test
    void operationsSeesTheGroupsThatDeadLetteredPoisonRecordsAndReplaysOne() throws Exception {
        SystemUnderTest system = stack.system();
        Path log = Files.createDirectories(system.data().resolve("logs")).resolve("console-poison-producer.log");
        PoisonRecords.write(system.kafka().bootstrapServers(), system.kafkaAdminConfigFile(), log);

        browser = HeadlessChromium.start(profile);
        signIn("Sign in as operations", TokenClient.OPERATOR, TokenClient.OPERATOR_PASSWORD);
        await(Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(By.id("dlt-title")));

        // Each worker reading order-created dead-letters the three poison records into its own topic.
        By replay = By.xpath("//tr[@data-dead-letters='payment-worker']//button");
        await(SAGA).until(ExpectedConditions.elementToBeClickable(replay));
        assertThat(browser.findElement(By.cssSelector("tr[data-dead-letters='payment-worker']")).getText())
                .contains("order-created.payment-worker.DLT: 3");
        assertThat(browser.findElement(By.cssSelector("tr[data-dead-letters='inventory-worker']")).getText())
                .contains("order-created.inventory-worker.DLT: 3");
        await(SAGA).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("tr[data-group='payment-worker']"), "records"));
        HeadlessChromium.screenshot(browser, 1280, SCREENSHOTS.resolve("operations.png"));

        browser.findElement(replay).click();
        // Unreadable records cannot succeed: the replay reports them dead-lettered again, and blocks nothing.
        await(SAGA).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main .message"),
                "Replayed payment-worker: 0 processed, 0 already done, 3 dead-lettered again"));
        HeadlessChromium.screenshot(browser, 1280, SCREENSHOTS.resolve("operations-replayed.png"));
    }

    /** From the console's sign-in choice through auth-server's form and back. */
    private void signIn(String choice, String username, String password) {
        browser.get(stack.consoleUri());
        await(Duration.ofSeconds(30)).until(ExpectedConditions.elementToBeClickable(By.linkText(choice))).click();
        await(Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(By.id("username")))
                .sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        await(Duration.ofSeconds(30)).until(ExpectedConditions.urlToBe(stack.consoleUri() + "/"));
    }

    private WebDriverWait await(Duration timeout) {
        return new WebDriverWait(browser, timeout, Duration.ofMillis(200));
    }
}
