package dev.tasklane.gateway.dashboard;

import dev.tasklane.activities.testing.WebhookReceiver.Reply;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.CatalogRows;
import dev.tasklane.gateway.support.Tokens;
import dev.tasklane.store.task.TaskRepository;
import dev.tasklane.workflows.lifecycle.TaskPriority;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard in a real headless Chromium against the running gateway: what an operator does with it. */
@MicronautTest(transactional = false)
class DashboardTest extends BrowserApiTest {

    private static final String INVOICE = "Invoice 2041 for consulting services. Bill to Example Trading Ltd."
            + " The amount due is 1,250.00 EUR including VAT. Payment terms: thirty days from the invoice date."
            + " Please quote the invoice number with your payment. Thank you for your business.";
    private static final String REPORT = "Quarterly report. Summary of findings: revenue grew in the third quarter,"
            + " costs stayed flat and the analysis shows steady results across all regions. The findings and"
            + " results below support the summary with tables for each quarter.";


    @Inject
    CatalogRows rows;
    @Inject
    TaskRepository tasks;

    @TempDir
    Path files;

    @Test
    void aTaskSubmittedThroughItsFormShowsItsBarReachOneHundredPercent() throws Exception {
        receiver.otherwise(Reply.heldUntilReleased(200));
        signIn(Tokens.admin());
        browser.route("#/submit?type=webhook-delivery");
        browser.find("#field-payload-url").sendKeys(receiver.url("/from-the-form"));
        browser.find("#field-payload-body").sendKeys("{\"order\": 7}");
        browser.screenshot("submit-form");
        browser.find("#submit-form button[type=submit]").click();

        assertNotNull(receiver.awaitRequest(Duration.ofSeconds(20)), "the form's task delivered");
        String id = browser.until(d -> taskIdInAddress(d));
        waitForStatus("#task-summary", "RUNNING");
        // read again when the page redraws the bar under the first read
        String held = browser.until(d -> String.valueOf(progress("#task-summary")));
        assertNotEquals("100", held, "held, the delivery is not done");
        receiver.release();

        browser.until(d -> "100".equals(progress("#task-summary")));
        waitForStatus("#task-summary", "COMPLETED");
        browser.find("#timeline li[data-event=task_completed]");
        assertTrue(browser.find("#task-result").getText().contains("200"), browser.find("#task-result").getText());
        assertEquals("COMPLETED", api.get("/api/tasks/" + id).field("status"));
        assertEquals("{\"order\":7}", receiver.requests().get(0).bodyText());
        assertTrue(browser.driver().findElements(By.id("web-ui-link")).isEmpty(), "no Web UI here, so no link to it");
        browser.screenshot("task-detail");
    }

    @Test
    void aFormWithAFaultShowsWhichFieldToChange() {
        signIn(Tokens.admin());
        long before = tasks.count();
        browser.route("#/submit?type=webhook-delivery");
        browser.find("#field-payload-url").sendKeys("not a url");
        browser.find("#submit-form button[type=submit]").click();

        WebElement errors = browser.until(d -> {
            WebElement region = d.findElement(By.id("submit-errors"));
            return region.getText().contains("payload.url") ? region : null;
        });
        assertEquals("true", browser.find("#field-payload-url").getAttribute("aria-invalid"), errors.getText());
        assertEquals(before, tasks.count(), "no task was made");
    }

    @Test
    void cancellingARunningTaskFromItsPageEndsItCancelled() throws Exception {
        receiver.otherwise(Reply.heldUntilReleased(200));
        String id = submitDelivery(api, "/held");
        assertNotNull(receiver.awaitRequest(Duration.ofSeconds(20)));
        signIn(Tokens.admin());
        browser.route("#/tasks/" + id);
        waitForStatus("#task-summary", "RUNNING");
        assertFalse(browser.find("#retry").isEnabled(), "a running task is not retried");

        browser.find("#cancel").click();

        waitForStatus("#task-summary", "CANCELLED");
        browser.until(d -> d.findElement(By.id("retry")).isEnabled());
        assertFalse(browser.find("#cancel").isEnabled());
        assertEquals("CANCELLED", api.get("/api/tasks/" + id).field("status"));
    }

    @Test
    void theListUpdatesARowInPlaceAndFiltersByStatus() throws Exception {
        receiver.otherwise(Reply.heldUntilReleased(200));
        signIn(Tokens.admin());
        browser.route("#/tasks");
        browser.find("#task-rows");
        String id = submitDelivery(api, "/listed");
        String row = "tr[data-task-id='" + id + "']";
        browser.until(d -> statusIn(d, row, "RUNNING"));
        browser.script("document.querySelector(arguments[0]).dataset.marker = 'same row'", row);
        browser.screenshot("task-list");

        receiver.release();

        browser.until(d -> statusIn(d, row, "COMPLETED"));
        assertEquals("same row", browser.find(row).getAttribute("data-marker"), "updated in place, not redrawn");
        assertEquals("100", browser.find(row + " [role=progressbar]").getAttribute("aria-valuenow"));
        new Select(browser.find("#filter-status")).selectByValue("FAILED");
        browser.until(d -> d.getCurrentUrl().contains("status=FAILED") && d.findElements(By.cssSelector(row)).isEmpty());
        new Select(browser.find("#filter-status")).selectByValue("COMPLETED");
        browser.find(row);
    }

    @Test
    void theListCancelsEveryMatchingTaskAfterConfirmingTheCount() {
        String tenant = "bulk-" + System.nanoTime();
        Api mine = api.as(Tokens.of("ada", tenant, "ADMIN"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(mine.post("/api/tasks", """
                    {"type":"webhook-delivery","payload":{"url":"%s"},"runAt":"%s"}"""
                    .formatted(receiver.url("/later"), Instant.now().plus(Duration.ofHours(1)))).field("id"));
        }
        signIn(Tokens.of("ada", tenant, "ADMIN"));
        browser.route("#/tasks?status=SCHEDULED");
        browser.find("#task-rows tr[data-task-id]");
        new Select(browser.find("#bulk-action")).selectByValue("cancel");

        browser.find("#bulk-go").click();

        Alert confirmation = browser.until(d -> {
            try {
                return d.switchTo().alert();
            } catch (NoAlertPresentException notYet) {
                return null;
            }
        });
        assertEquals("cancel 3 matching tasks?", confirmation.getText());
        confirmation.accept();
        browser.until(d -> d.getCurrentUrl().contains("#/tasks/bulk-action-"));
        waitForStatus("#task-summary", "COMPLETED");
        ids.forEach(id -> mine.awaitStatus(id, "CANCELLED"));
    }

    @Test
    void aTaskThatHasNotStartedChangesPriorityFromItsPage() {
        String id = api.post("/api/tasks", """
                {"type":"webhook-delivery","payload":{"url":"%s"},"runAt":"%s"}"""
                .formatted(receiver.url("/later"), Instant.now().plus(Duration.ofHours(1)))).field("id");
        signIn(Tokens.admin());
        browser.route("#/tasks/" + id);
        browser.until(d -> d.findElement(By.id("task-summary")).getText().contains("priority NORMAL"));

        new Select(browser.find("#priority-level")).selectByValue("HIGH");
        browser.find("#change-priority").click();

        browser.until(d -> d.findElement(By.id("task-summary")).getText().contains("priority HIGH"));
        assertEquals("HIGH", api.get("/api/tasks/" + id).field("priority"));
        api.post("/api/tasks/" + id + "/cancel", "");
        browser.until(d -> !d.findElement(By.id("change-priority")).isEnabled());
    }

    @Test
    void aDocumentAwaitingApprovalIsApprovedFromItsPage() {
        String task = api.post("/api/documents", """
                {"text":"Quarterly report. Revenue grew and the budget was approved.","review":"required"}""")
                .json().get("task").get("id").getStringValue();
        api.awaitStatus(task, "AWAITING_APPROVAL");
        signIn(Tokens.admin());
        browser.route("#/tasks/" + task);
        browser.until(d -> d.findElement(By.id("review")).isDisplayed());

        browser.find("#review-note").sendKeys("checked");
        browser.find("#approve").click();

        waitForStatus("#task-summary", "COMPLETED");
        assertTrue(browser.find("#timeline").getText().contains("approved by"), browser.find("#timeline").getText());
    }

    @Test
    void twoDroppedDocumentsBecomeOneBatch() {
        signIn(Tokens.admin());
        browser.route("#/documents");
        browser.find("#drop-zone");
        browser.script("""
                const dropped = new DataTransfer();
                dropped.items.add(new File([arguments[0]], 'invoice.txt', {type: 'text/plain'}));
                dropped.items.add(new File([arguments[1]], 'report.txt', {type: 'text/plain'}));
                const zone = document.getElementById('drop-zone');
                zone.dispatchEvent(new DragEvent('dragover', {dataTransfer: dropped, bubbles: true, cancelable: true}));
                zone.dispatchEvent(new DragEvent('drop', {dataTransfer: dropped, bubbles: true, cancelable: true}));
                """, INVOICE, REPORT);

        String batch = batchOfTwo();
        browser.until(d -> "100".equals(d.findElement(By.cssSelector("#batch-progress [role=progressbar]"))
                .getAttribute("aria-valuenow")));
        assertEquals("COMPLETED", api.get("/api/tasks/" + batch).field("status"));
        browser.screenshot("documents");
    }

    @Test
    void twoChosenFilesBecomeOneBatch() throws IOException {
        Path invoice = Files.writeString(files.resolve("chosen-invoice.txt"), INVOICE + " Chosen.");
        Path report = Files.writeString(files.resolve("chosen-report.txt"), REPORT + " Chosen.");
        signIn(Tokens.admin());
        browser.route("#/documents");

        browser.find("#files").sendKeys(invoice + "\n" + report);

        String batch = batchOfTwo();
        assertEquals(2, api.get("/api/tasks/" + batch).json().get("payload").get("items").size());
    }

    @Test
    void theStatisticsChartsDrawTheHoursTasksEnded() {
        Instant now = Instant.now();
        Duration midLastHour = Duration.between(now.truncatedTo(ChronoUnit.HOURS).minus(30, ChronoUnit.MINUTES), now);
        for (int i = 0; i < 3; i++) {
            rows.ended(Tokens.TENANT, "webhook-delivery", TaskStatus.COMPLETED, midLastHour.plusSeconds(i),
                    Duration.ofSeconds(4 + i));
        }
        rows.ended(Tokens.TENANT, "webhook-delivery", TaskStatus.FAILED, midLastHour, Duration.ofSeconds(2));
        String stuck = rows.unfinished(Tokens.TENANT, TaskStatus.RUNNING, TaskPriority.NORMAL, Duration.ofHours(3), "{}");
        signIn(Tokens.admin());

        browser.route("#/stats");

        List<WebElement> bars = browser.until(d -> {
            List<WebElement> drawn = d.findElements(By.cssSelector("#chart-outcomes rect.bar"));
            return drawn.size() >= 2 ? drawn : null;
        });
        assertTrue(bars.stream().anyMatch(bar -> bar.findElement(By.tagName("title")).getAttribute("textContent")
                .endsWith(": 3 completed")), "the hour with three completed tasks has its bar");
        assertFalse(browser.driver().findElements(By.cssSelector("#chart-durations circle.c-p95")).isEmpty());
        assertFalse(browser.driver().findElements(By.cssSelector("#chart-success circle")).isEmpty());
        browser.find("#stuck-tasks a[href='#/tasks/" + stuck + "']");
        assertTrue(browser.find("#stuck-tasks").getText().contains("overrunning"));
        browser.screenshot("statistics");
    }

    @Test
    void anotherTenantsTasksStayInvisible() throws Exception {
        Api other = api.as(Tokens.of("olga", "other-tenant", "ADMIN"));
        String theirs = submitDelivery(other, "/theirs");
        other.awaitStatus(theirs, "COMPLETED");
        signIn(Tokens.admin());
        browser.route("#/tasks");
        browser.find("#task-rows");

        String theirsLive = submitDelivery(other, "/theirs-live");
        String oursLive = submitDelivery(api, "/ours-live");

        browser.find("tr[data-task-id='" + oursLive + "']");
        other.awaitStatus(theirsLive, "COMPLETED");
        assertTrue(browser.driver().findElements(By.cssSelector("tr[data-task-id='" + theirs + "']")).isEmpty());
        assertTrue(browser.driver().findElements(By.cssSelector("tr[data-task-id='" + theirsLive + "']")).isEmpty());
        browser.route("#/tasks/" + theirs);
        assertTrue(browser.find("#not-found").getText().contains("No task " + theirs));
    }

    @Test
    void aUserSeesOnlyTheViewsTheirRoleAllows() {
        signIn(Tokens.of("ulf", Tokens.TENANT, "USER"));

        List<String> shown = browser.driver().findElements(By.cssSelector("#nav a")).stream()
                .filter(WebElement::isDisplayed).map(WebElement::getText).toList();
        assertEquals(List.of("Tasks", "Submit", "Documents"), shown);
        browser.route("#/queue");
        assertTrue(browser.find("main h1").getText().contains("Not for your role"));
        browser.route("#/submit");
        List<String> types = new Select(browser.find("#task-type")).getOptions().stream().map(WebElement::getText)
                .toList();
        assertFalse(types.contains("cleanup"), "an ADMIN's task type is not offered: " + types);

        signIn(Tokens.of("ada", "acme", "ADMIN"));
        browser.route("#/queue");
        browser.until(d -> d.findElement(By.id("queue-status")).getText().contains("Intake"));
        assertFalse(browser.find("#intake").isDisplayed(), "only the operator tenant's ADMINs pause intake");
    }

    @Test
    void aBadTokenIsRefusedAndAGoodOneSignsIn() {
        browser.go("/");
        browser.script("sessionStorage.clear()");
        browser.go("/");
        browser.find("#token").sendKeys("not-a-token");
        browser.find("#sign-in button[type=submit]").click();
        browser.until(d -> d.findElement(By.id("sign-in-error")).getText().contains("not accepted"));

        WebElement token = browser.find("#token");
        token.clear();
        token.sendKeys(Tokens.admin());
        token.submit();

        browser.until(d -> d.findElement(By.id("who")).getText().contains("tenant default"));
        browser.find("#sign-out").click();
        browser.until(d -> d.findElement(By.id("sign-in")).isDisplayed());
    }

    @Test
    void schedulesArePausedResumedAndTriggeredFromTheirRows() {
        signIn(Tokens.admin());
        browser.route("#/schedules");
        String row = "tr[data-schedule='tasklane-cleanup']";
        browser.find(row);
        browser.screenshot("schedules");

        browser.find(By.cssSelector("button[aria-label='Pause tasklane-cleanup']")).click();
        browser.until(d -> d.findElement(By.cssSelector(row + " .state")).getText().equals("paused"));
        assertFalse(api.get("/api/schedules/tasklane-cleanup").json().get("enabled").getBooleanValue());
        browser.find(By.cssSelector("button[aria-label='Resume tasklane-cleanup']")).click();
        browser.until(d -> d.findElement(By.cssSelector(row + " .state")).getText().equals("active"));
        assertTrue(api.get("/api/schedules/tasklane-cleanup").json().get("enabled").getBooleanValue());

        browser.find(By.cssSelector("button[aria-label='Run now tasklane-analytics']")).click();

        String said = browser.until(d -> {
            String text = d.findElement(By.id("toast")).getText();
            return text.contains("started task") ? text : null;
        });
        String task = said.substring(said.indexOf("started task ") + "started task ".length()).trim();
        assertEquals(api.get("/api/schedules/tasklane-analytics").field("id"), api.get("/api/tasks/" + task).field("scheduleId"));
    }

    @Test
    void theQueueViewShowsHealthAndPausesIntake() {
        rows.unfinished(Tokens.TENANT, TaskStatus.RUNNING, TaskPriority.HIGH, Duration.ofHours(2), "{}");
        signIn(Tokens.admin());
        browser.route("#/queue");
        browser.until(d -> d.findElement(By.id("queue-health")).getText().contains("overrunning"));
        browser.until(d -> d.findElement(By.cssSelector("#task-queues tbody th")).getText().equals("tasklane"));
        assertTrue(browser.find("#task-queues tbody").getText().contains("webhook-delivery"),
                browser.find("#task-queues tbody").getText());
        browser.screenshot("queue");

        browser.find("#intake").click();
        browser.until(d -> d.findElement(By.id("queue-status")).getText().contains("Intake paused"));
        assertTrue(api.get("/api/queue/status").json().get("paused").getBooleanValue());
        browser.find("#intake").click();
        browser.until(d -> d.findElement(By.id("queue-status")).getText().contains("Intake open"));
    }

    @Test
    void eventsArriveOverWebSocketThenServerSentEventsThenPolling() {
        for (String mode : List.of("websocket", "sse", "poll")) {
            signIn(Tokens.admin(), mode.equals("websocket") ? "/" : "/?live=" + mode);
            browser.route("#/tasks");
            browser.until(d -> mode.equals(d.findElement(By.id("live-mode")).getAttribute("data-mode")));
            String id = submitDelivery(api, "/" + mode);
            browser.until(d -> statusIn(d, "tr[data-task-id='" + id + "']", "COMPLETED"));
        }
    }

    @Test
    void everyControlHasALabelAndTheKeyboardReachesAndSubmitsTheForm() throws Exception {
        signIn(Tokens.admin());
        for (String view : List.of("#/tasks", "#/submit?type=webhook-delivery", "#/submit?type=bank-transactions-sync",
                "#/documents", "#/stats")) {
            browser.route(view);
            browser.find("main h1");
            browser.until(d -> d.findElements(By.cssSelector("main select, main input, main textarea")).size() > 0);
            assertEquals(List.of(), browser.script("""
                    return [...document.querySelectorAll('main input, main select, main textarea')]
                      .filter(e => e.labels.length === 0 && !e.getAttribute('aria-label'))
                      .map(e => e.id || e.name || e.outerHTML);"""), view + ": controls without a label");
            assertEquals("view", browser.script("return document.activeElement.id"), view + ": focus moves to the view");
        }

        browser.go("/");
        browser.find("#nav");
        WebElement first = browser.driver().switchTo().activeElement();
        first.sendKeys(Keys.TAB);
        assertEquals("Skip to content", browser.driver().switchTo().activeElement().getText());
        for (int i = 0; i < 2; i++) {
            browser.driver().switchTo().activeElement().sendKeys(Keys.TAB);
        }
        WebElement submitLink = browser.driver().switchTo().activeElement();
        assertEquals("Submit", submitLink.getText(), "the nav is reached by Tab, in order");
        submitLink.sendKeys(Keys.ENTER);
        browser.until(d -> d.getCurrentUrl().endsWith("#/submit"));

        new Select(browser.find("#task-type")).selectByValue("webhook-delivery");
        WebElement url = browser.find("#field-payload-url");
        url.sendKeys(receiver.url("/by-keyboard"));
        url.sendKeys(Keys.ENTER);

        assertNotNull(receiver.awaitRequest(Duration.ofSeconds(20)), "Enter submitted the form");
        waitForStatus("#task-summary", "COMPLETED");
        assertEquals("100", progress("#task-summary"));

        browser.route("#/tasks");
        new Select(browser.find("#filter-status")).selectByValue("COMPLETED");
        browser.until(d -> d.getCurrentUrl().contains("status=COMPLETED"));
        browser.find("#filter-status");
        assertEquals("filter-status", browser.script("return document.activeElement.id"),
                "a filter's change keeps the keyboard on the filter");

        browser.route("#/documents");
        browser.driver().navigate().refresh();
        browser.find("#drop-zone");
        browser.driver().switchTo().activeElement().sendKeys(Keys.TAB);
        browser.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
        assertEquals("view", browser.script("return document.activeElement.id"), "the skip link reaches the view");
        assertTrue(browser.driver().getCurrentUrl().endsWith("#/documents"), "and stays on it");
    }

    private void signIn(String token) {
        signIn(token, "/");
    }

    /** Opens the page afresh at {@code start} and signs in through the form. */
    private void signIn(String token, String start) {
        browser.go(start);
        browser.script("sessionStorage.clear()");
        browser.go(start);
        WebElement field = browser.find("#token");
        browser.until(d -> field.isDisplayed());
        field.sendKeys(token);
        browser.find("#sign-in button[type=submit]").click();
        browser.until(d -> d.findElement(By.id("nav")).isDisplayed());
    }

    private String batchOfTwo() {
        WebElement link = browser.find("#batch a");
        browser.until(d -> d.findElements(By.cssSelector("#upload-results tr[data-document-id] a")).size() == 2);
        String batch = link.getText();
        assertEquals("batch", api.get("/api/tasks/" + batch).field("type"));
        for (WebElement document : browser.driver().findElements(By.cssSelector("#upload-results tr[data-document-id]"))) {
            assertEquals(200, api.get("/api/documents/" + document.getAttribute("data-document-id")).status());
        }
        return batch;
    }

    private static String taskIdInAddress(WebDriver driver) {
        String url = driver.getCurrentUrl();
        int at = url.indexOf("#/tasks/");
        return at < 0 ? null : url.substring(at + "#/tasks/".length());
    }

    private static String progress(String within) {
        return browser.find(within + " [role=progressbar]").getAttribute("aria-valuenow");
    }

    private static void waitForStatus(String within, String status) {
        browser.until(d -> d.findElement(By.cssSelector(within + " .status")).getText().equals(status));
    }

    private static boolean statusIn(WebDriver driver, String row, String status) {
        List<WebElement> found = driver.findElements(By.cssSelector(row + " .status"));
        return !found.isEmpty() && found.get(0).getText().equals(status);
    }
}
