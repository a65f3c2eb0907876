package dev.tasklane.gateway.service;

import dev.tasklane.activities.testing.WebhookReceiver.Reply;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.Await;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /prometheus} carries Tasklane's own meters and the Temporal SDK's, without a token, and stays small. */
@MicronautTest
class MetricsTest extends ApiWithReceiverTest {

    private static final String FAILED_DELIVERIES =
            "tasklane_tasks_finished_total\\{status=\"FAILED\",type=\"webhook-delivery\"\\}";
    private static final String TIMED_FAILED_DELIVERIES =
            "tasklane_tasks_duration_seconds_count\\{status=\"FAILED\",type=\"webhook-delivery\"\\}";

    @Inject
    WorkflowClient client;

    @Test
    void submittedAndFinishedTasksAreCountedAndTimedBesideTheSdksWorkerMeters() {
        double before = value(scrape(), "tasklane_tasks_submitted_total\\{type=\"webhook-delivery\"\\}");
        String id = api.post("/api/tasks", """
                {"type":"webhook-delivery","payload":{"url":"%s"}}""".formatted(receiver.url("/metered"))).field("id");
        api.awaitStatus(id, "COMPLETED");

        String finished = "tasklane_tasks_finished_total\\{status=\"COMPLETED\",type=\"webhook-delivery\"\\}";
        String metrics = Await.until("the end to be counted and the SDK's meters reported", Duration.ofSeconds(30),
                this::scrape, text -> value(text, finished) >= 1 && text.contains("temporal_workflow_completed"));

        assertEquals(before + 1, value(metrics, "tasklane_tasks_submitted_total\\{type=\"webhook-delivery\"\\}"));
        assertTrue(value(metrics, "tasklane_tasks_duration_seconds_count\\{status=\"COMPLETED\",type=\"webhook-delivery\"\\}")
                >= 1, "the duration timer");
        assertTrue(metrics.contains("temporal_activity_execution_latency"), "the worker's activity meters");
    }

    @Test
    void anEndRecordedOutsideTheWorkflowIsCountedAndTimedToo() throws Exception {
        receiver.otherwise(Reply.heldUntilReleased(200));
        String metrics = scrape();
        double failed = value(metrics, FAILED_DELIVERIES);
        double timed = value(metrics, TIMED_FAILED_DELIVERIES);
        String id = api.post("/api/tasks", """
                {"type":"webhook-delivery","payload":{"url":"%s"}}""".formatted(receiver.url("/held"))).field("id");
        assertNotNull(receiver.awaitRequest(Duration.ofSeconds(10)));

        client.newUntypedWorkflowStub(id).terminate("stopped by an operator in the Web UI");

        assertEquals("FAILED", api.get("/api/tasks/" + id).field("status"));
        metrics = scrape();
        assertEquals(failed + 1, value(metrics, FAILED_DELIVERIES), "the end is counted");
        assertEquals(timed + 1, value(metrics, TIMED_FAILED_DELIVERIES), "the task ran, so it is timed");
    }

    @Test
    void theSdksMetersAreSummedOverTypesAndBucketedCoarselySoAScrapeStaysSmall() {
        for (int i = 0; i < 3; i++) {
            api.awaitStatus(api.post("/api/tasks", """
                    {"type":"webhook-delivery","payload":{"url":"%s"}}""".formatted(receiver.url("/small" + i)))
                    .field("id"), "COMPLETED");
        }
        String metrics = Await.until("the SDK's meters reported", Duration.ofSeconds(30), this::scrape,
                text -> text.contains("temporal_activity_execution_latency"));

        for (String line : metrics.lines().filter(line -> line.startsWith("temporal_")).toList()) {
            assertFalse(line.contains("workflow_type=") || line.contains("activity_type="), line);
        }
        long buckets = metrics.lines()
                .filter(line -> line.startsWith("temporal_activity_execution_latency_seconds_bucket")).count();
        assertTrue(buckets > 0 && buckets <= 13, buckets + " buckets of one timer");
        assertTrue(metrics.length() < 200_000, "the page is " + metrics.length() + " characters");
    }

    private String scrape() {
        Api.Response response = api.as(null).get("/prometheus");
        assertEquals(200, response.status());
        return response.text();
    }

    private static double value(String metrics, String series) {
        Matcher matcher = Pattern.compile("(?m)^" + series + " ([0-9.eE+-]+)$").matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
