package dev.tasklane.gateway.dashboard;

import dev.tasklane.activities.testing.WebhookReceiver.Reply;
import dev.tasklane.gateway.config.TemporalProperties;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.Tokens;
import dev.tasklane.gateway.temporal.TemporalConnection;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Temporal's own Web UI, served by the dev server Tasklane runs, in a real headless Chromium: an operator finds a task
 * by its ID and by a search attribute, reads what it does, and finds a Tasklane schedule; the dashboard links there.
 */
@MicronautTest(transactional = false)
@Property(name = "tasklane.temporal.dev-server.ui-port", value = "0")
class WebUiTest extends BrowserApiTest {

    private static final String TENANT = "web-ui-tenant";


    @Inject
    TemporalConnection temporal;
    @Inject
    TemporalProperties properties;

    @Test
    void aRunningTaskIsFoundByItsIdAndTenantAndShowsItsSummaryAndStep() throws Exception {
        receiver.otherwise(Reply.heldUntilReleased(200));
        String token = Tokens.of("olga", TENANT, "MANAGER");
        String id = api.as(token).post("/api/tasks", """
                {"type":"webhook-delivery","payload":{"url":"%s"}}""".formatted(receiver.url("/inspected"))).field("id");
        assertNotNull(receiver.awaitRequest(Duration.ofSeconds(20)), "the delivery is under way");
        String workflows = webUi() + "/namespaces/" + properties.namespace() + "/workflows";

        signIn(token);
        browser.route("#/tasks/" + id);
        String link = browser.find("#web-ui-link").getAttribute("href");
        assertEquals(workflows + "/" + id, link);
        browser.screenshot("task-links-to-web-ui");

        open(workflows + "?query=" + encoded("WorkflowId=\"" + id + "\""));
        browser.find(By.linkText(id));
        open(workflows + "?query=" + encoded("TasklaneTenant=\"" + TENANT + "\" AND TasklaneType=\"webhook-delivery\""));
        browser.find(By.linkText(id));
        browser.screenshot("web-ui-tasks-of-a-tenant");

        open(link);
        browser.find(By.linkText("User Metadata")).click();
        assertEquals("webhook-delivery: POST " + receiver.url("/inspected"), frameText("user-metadata-summary"));
        String details = frameText("user-metadata-details");
        assertContains(details, "webhook-delivery task of tenant " + TENANT + ", submitted by olga, priority NORMAL");
        assertContains(frameText("user-metadata-current-details"), "RUNNING · step deliver");
        browser.screenshot("web-ui-task-summary");
        receiver.release();
    }

    @Test
    void aTasklaneScheduleIsOnTheSchedulesPage() {
        Api admin = api.as(Tokens.of("ada", TENANT, "ADMIN"));
        String id = admin.post("/api/schedules", """
                {"name":"nightly-outcomes","cron":"0 3 * * *","taskType":"webhook-delivery",
                 "payload":{"url":"%s"}}""".formatted(receiver.url("/nightly"))).field("id");
        admin.post("/api/schedules/nightly-outcomes/pause", "{\"note\":\"paused by the Web UI test\"}");

        open(webUi() + "/namespaces/" + properties.namespace() + "/schedules");
        browser.find(By.linkText(id)).click();
        browser.until(d -> d.getCurrentUrl().endsWith("/schedules/" + id)
                && bodyText(d).contains("ScheduledRunWorkflow") && bodyText(d).contains("paused by the Web UI test"));
        browser.screenshot("web-ui-schedule");
    }

    private String webUi() {
        return temporal.webUiUrl().orElseThrow(() -> new AssertionError("the dev server serves no Web UI"));
    }

    private void open(String url) {
        browser.driver().get(url);
    }

    /** The text of the Web UI's markdown frame {@code id}, once it shows any. */
    private String frameText(String id) {
        return browser.until(d -> {
            d.switchTo().frame(d.findElement(By.id(id)));
            try {
                String text = bodyText(d).strip();
                return text.isEmpty() ? null : text;
            } finally {
                d.switchTo().defaultContent();
            }
        });
    }

    private void signIn(String token) {
        browser.go("/");
        browser.script("sessionStorage.clear()");
        browser.go("/");
        WebElement field = browser.find("#token");
        browser.until(d -> field.isDisplayed());
        field.sendKeys(token);
        browser.find("#sign-in button[type=submit]").click();
        browser.until(d -> d.findElement(By.id("nav")).isDisplayed());
    }

    private static String bodyText(WebDriver driver) {
        return driver.findElement(By.tagName("body")).getText();
    }

    private static String encoded(String query) {
        return URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    private static void assertContains(String text, String part) {
        if (!text.contains(part)) {
            throw new AssertionError("expected \"" + part + "\" in:\n" + text);
        }
    }
}
