package dev.tasklane.gateway.tasks;

import dev.tasklane.activities.testing.WebhookReceiver.Reply;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.Tokens;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
class TaskApiTest extends ApiWithReceiverTest {

    @Inject
    WorkflowClient client;

    @Test
    void aSubmittedWebhookDeliveryIsAcceptedAtOnceAndCompletes() throws Exception {
        Api.Response submitted = api.post("/api/tasks", """
                {"type":"webhook-delivery","payload":{"url":"%s","body":{"order":7}}}""".formatted(receiver.url("/in")));

        assertEquals(202, submitted.status());
        String id = submitted.field("id");
        assertTrue(id.startsWith("webhook-delivery-"), id);
        assertEquals("/api/tasks/" + id, submitted.location());
        assertEquals("NORMAL", submitted.field("priority"));
        Api.Response done = api.awaitStatus(id, "COMPLETED");
        assertEquals(200, done.json().get("result").get("statusCode").getIntValue());
        assertEquals(100.0, done.json().get("progress").get("percent").getNumberValue().doubleValue());
        assertEquals("{\"order\":7}", receiver.awaitRequest(Duration.ofSeconds(5)).bodyText());
        assertNotNull(done.field("startedAt"));
        assertNotNull(done.field("completedAt"));
    }

    @Test
    void theWorkflowCarriesASummaryForTheWebUi() {
        String id = api.post("/api/tasks", """
                {"type":"webhook-delivery","payload":{"url":"%s"},"priority":"HIGH"}""".formatted(receiver.url("/ui")))
                .field("id");

        DescribeWorkflowExecutionResponse described = client.getWorkflowServiceStubs().blockingStub()
                .describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
                        .setNamespace(client.getOptions().getNamespace())
                        .setExecution(WorkflowExecution.newBuilder().setWorkflowId(id))
                        .build());

        assertEquals("WebhookDeliveryWorkflow", described.getWorkflowExecutionInfo().getType().getName());
        String summary = client.getOptions().getDataConverter().fromPayload(
                described.getExecutionConfig().getUserMetadata().getSummary(), String.class, String.class);
        assertEquals("webhook-delivery: POST " + receiver.url("/ui"), summary);
    }

    @Test
    void theTypedEndpointTakesThePayloadAsBodyWithPriorityBesideIt() {
        Api.Response submitted = api.post("/api/tasks/webhook-delivery?runAt=" + Instant.now().plusSeconds(3600),
                """
                {"url":"%s","method":"PATCH","priority":"urgent"}""".formatted(receiver.url("/typed")));

        assertEquals(202, submitted.status(), submitted.text());
        assertEquals("CRITICAL", submitted.field("priority"));
        assertEquals("SCHEDULED", submitted.field("status"));
        assertNotNull(submitted.field("scheduledFor"));
    }

    @Test
    void aRepeatedIdempotencyKeyReturnsTheFirstTask() {
        String body = """
                {"type":"webhook-delivery","payload":{"url":"%s"}}""".formatted(receiver.url("/once"));

        Api.Response first = api.post("/api/tasks", body, Map.of("Idempotency-Key", "order-991"));
        Api.Response second = api.post("/api/tasks", body, Map.of("Idempotency-Key", "order-991"));
        Api.Response different = api.post("/api/tasks", """
                {"type":"webhook-delivery","payload":{"url":"%s"},"idempotencyKey":"order-991"}"""
                .formatted(receiver.url("/other")));

        assertEquals(202, first.status());
        assertEquals(200, second.status());
        assertEquals(first.field("id"), second.field("id"));
        assertEquals(409, different.status());
        assertTrue(different.contentType().startsWith("application/problem+json"));
        api.awaitStatus(first.field("id"), "COMPLETED");
        assertEquals(1, receiver.requests().size());
    }

    @Test
    void aScheduledTaskWaitsForItsRunAt() throws Exception {
        Instant runAt = Instant.now().plusSeconds(2);

        Api.Response submitted = api.post("/api/tasks", """
                {"type":"webhook-delivery","payload":{"url":"%s"},"runAt":"%s"}""".formatted(receiver.url("/later"), runAt));

        assertEquals("SCHEDULED", submitted.field("status"));
        assertNull(receiver.awaitRequest(Duration.ofMillis(1000)));
        api.awaitStatus(submitted.field("id"), "COMPLETED");
        Instant started = Instant.parse(api.get("/api/tasks/" + submitted.field("id")).field("startedAt"));
        assertTrue(!started.isBefore(runAt.minusMillis(50)), "started " + started + " before runAt " + runAt);
    }

    @Test
    void aFailingReceiverIsRetriedWithTheTasksOwnRetryPolicy() {
        receiver.replyInOrder(Reply.status(503), Reply.withHeader(429, "Retry-After", "1")).otherwise(Reply.status(200));

        Api.Response submitted = api.post("/api/tasks", """
                {"type":"webhook-delivery","payload":{"url":"%s"},
                 "retry":{"maxAttempts":3,"initialIntervalSeconds":0.2}}""".formatted(receiver.url("/flaky")));

        Api.Response done = api.awaitStatus(submitted.field("id"), "COMPLETED");
        assertEquals(3, receiver.requests().size());
        assertEquals("3", done.field("attempt"));
        assertEquals("3", receiver.requests().get(2).header("Tasklane-Attempt"));
        JsonNode log = api.get("/api/tasks/" + submitted.field("id") + "/logs").json().get("events");
        long retrying = 0;
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).get("event").getStringValue().equals("task_retrying")) {
                retrying++;
            }
        }
        assertEquals(2, retrying);
    }

    @Test
    void aPermanentRejectionFailsTheTaskWithItsReason() {
        receiver.otherwise(Reply.status(410));

        Api.Response submitted = api.post("/api/tasks", """
                {"type":"webhook-delivery","payload":{"url":"%s"}}""".formatted(receiver.url("/gone")));

        Api.Response failed = api.awaitStatus(submitted.field("id"), "FAILED");
        assertEquals("PermanentRejection", failed.json().get("error").get("type").getStringValue());
        assertEquals(false, failed.json().get("error").get("retryable").getBooleanValue());
        assertEquals(1, receiver.requests().size());
    }

    @Test
    void aTaskThatRunsPastItsTimeoutEndsTimedOut() {
        receiver.otherwise(Reply.status(503));

        Api.Response submitted = api.post("/api/tasks", """
                {"type":"webhook-delivery","payload":{"url":"%s"},"timeoutSeconds":1,
                 "retry":{"maxAttempts":10,"initialIntervalSeconds":30}}""".formatted(receiver.url("/slow")));

        Api.Response timedOut = api.awaitStatus(submitted.field("id"), "TIMED_OUT");
        assertEquals("TimedOut", timedOut.json().get("error").get("type").getStringValue());
    }

    @Test
    void listingPagesNewestFirstThroughEveryTaskOnce() {
        Set<String> submitted = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            submitted.add(api.post("/api/tasks", """
                    {"type":"webhook-delivery","payload":{"url":"%s"},"priority":"BACKGROUND"}"""
                    .formatted(receiver.url("/page/" + i))).field("id"));
        }

        Set<String> listed = new HashSet<>();
        String cursor = null;
        Instant previous = Instant.MAX;
        int pages = 0;
        do {
            Api.Response page = api.get("/api/tasks?priority=BACKGROUND&type=webhook-delivery&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertEquals(200, page.status(), page.text());
            JsonNode items = page.json().get("items");
            for (int i = 0; i < items.size(); i++) {
                Instant created = Instant.parse(items.get(i).get("createdAt").getStringValue());
                assertTrue(!created.isAfter(previous), "newest first");
                previous = created;
                listed.add(items.get(i).get("id").getStringValue());
            }
            cursor = page.field("nextCursor");
            pages++;
        } while (cursor != null);

        assertEquals(submitted, listed);
        assertEquals(3, pages);
    }

    @Test
    void theTaskTypesListDescribesWebhookDeliveryAndItsFields() {
        Api.Response types = api.get("/api/task-types");

        JsonNode webhook = null;
        for (JsonNode type : types.json().values()) {
            if (type.get("name").getStringValue().equals("webhook-delivery")) {
                webhook = type;
            }
        }
        assertNotNull(webhook, "webhook-delivery is listed: " + types.text());
        assertEquals("url", webhook.get("fields").get(0).get("name").getStringValue());
        assertEquals(true, webhook.get("fields").get(0).get("required").getBooleanValue());
        assertTrue(types.text().contains("\"timeoutSeconds\""));
    }

    @Test
    void serviceStatusAndHealthDescribeTheProcess() {
        Api.Response status = api.get("/api/service/status");
        Api.Response health = api.get("/health");

        assertEquals("ALL", status.field("role"));
        assertEquals(true, status.json().get("temporal").get("devServer").getBooleanValue());
        assertEquals(true, status.json().get("workers").get("running").getBooleanValue());
        assertEquals("UP", health.field("status"));
        assertEquals("UP", health.json().get("details").get("temporal").get("status").getStringValue());
        assertEquals("UP", health.json().get("details").get("store").get("status").getStringValue());
    }

    @Test
    void aUsersServiceStatusCountsOnlyTheirOwnTasksAndAManagersTheWholeTenants() {
        String later = Instant.now().plusSeconds(3600).toString();
        String body = """
                {"type":"webhook-delivery","payload":{"url":"%s"},"runAt":"%s"}""".formatted(receiver.url("/s"), later);
        Api ann = api.as(Tokens.of("ann", "status-acme", "USER"));
        Api max = api.as(Tokens.of("max", "status-acme", "MANAGER"));
        assertEquals(202, ann.post("/api/tasks", body).status());
        assertEquals(202, max.post("/api/tasks", body).status());
        assertEquals(202, max.post("/api/tasks", body).status());

        assertEquals(1, ann.get("/api/service/status").json().get("queuedTasks").getIntValue());
        assertEquals(3, max.get("/api/service/status").json().get("queuedTasks").getIntValue());
    }
}
