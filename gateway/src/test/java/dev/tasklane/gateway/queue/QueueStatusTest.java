package dev.tasklane.gateway.queue;

import dev.tasklane.activities.testing.WebhookReceiver.Reply;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.CatalogRows;
import dev.tasklane.gateway.support.Tokens;
import dev.tasklane.workflows.lifecycle.TaskPriority;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Queue status and health of a tenant, from its catalog, the intake switch and the worker. */
@MicronautTest(transactional = false)
class QueueStatusTest extends ApiWithReceiverTest {

    @Inject
    CatalogRows rows;

    @AfterEach
    void resume() {
        api.post("/api/queue/resume", "");
    }

    @Test
    void statusCountsWhatWaitsAndRunsByPriority() {
        receiver.otherwise(Reply.heldUntilReleased(200));
        Api counting = api.as(Tokens.of("cat", "counting", "ADMIN"));
        for (String running : new String[] {submit(counting, "HIGH"), submit(counting, "HIGH"), submit(counting, "LOW")}) {
            counting.awaitStatus(running, "RUNNING");
        }
        api.post("/api/queue/pause", "");
        submit(counting, "CRITICAL");

        JsonNode status = counting.get("/api/queue/status").json();
        receiver.release();

        assertTrue(status.get("paused").getBooleanValue());
        assertEquals(2, status.get("byPriority").get("HIGH").get("running").getLongValue());
        assertEquals(1, status.get("byPriority").get("LOW").get("running").getLongValue());
        assertEquals(1, status.get("byPriority").get("CRITICAL").get("queued").getLongValue());
        assertEquals(3, status.get("running").getLongValue());
        assertEquals(1, status.get("queued").getLongValue());
        assertTrue(status.get("oldestQueuedAgeSeconds").getNumberValue().doubleValue() >= 0);
        JsonNode workers = status.get("workers");
        assertTrue(workers.get("inThisProcess").getBooleanValue());
        assertTrue(workers.get("runningHere").getBooleanValue());
        assertEquals(1, workers.get("pollers").getIntValue(), "this process's worker, as Temporal saw it poll");
    }

    @Test
    void aQuietTenantIsHealthy() {
        JsonNode health = manager("calm").get("/api/queue/health").json();
        assertEquals("healthy", health.get("status").getStringValue());
        assertEquals(0, health.get("alerts").size());
    }

    @Test
    void manyRecentFailuresMakeItUnhealthyAndAFewMakeItDegraded() {
        for (int i = 0; i < 8; i++) {
            rows.ended("failing", "webhook-delivery", TaskStatus.FAILED, Duration.ofMinutes(2), Duration.ofSeconds(1));
        }
        for (int i = 0; i < 4; i++) {
            rows.ended("failing", "webhook-delivery", TaskStatus.COMPLETED, Duration.ofMinutes(2), Duration.ofSeconds(1));
        }
        rows.ended("failing", "webhook-delivery", TaskStatus.FAILED, Duration.ofHours(2), Duration.ofSeconds(1));
        JsonNode unhealthy = manager("failing").get("/api/queue/health").json();
        assertEquals("unhealthy", unhealthy.get("status").getStringValue());
        JsonNode alert = alert(unhealthy, "failure-rate");
        assertEquals(8.0 / 12, alert.get("value").getNumberValue().doubleValue(), 1e-9, "only the last 15 minutes");
        assertEquals(0.25, alert.get("threshold").getNumberValue().doubleValue());

        for (int i = 0; i < 2; i++) {
            rows.ended("wobbly", "webhook-delivery", TaskStatus.TIMED_OUT, Duration.ofMinutes(1), Duration.ofSeconds(1));
        }
        for (int i = 0; i < 10; i++) {
            rows.ended("wobbly", "webhook-delivery", TaskStatus.COMPLETED, Duration.ofMinutes(1), Duration.ofSeconds(1));
        }
        JsonNode degraded = manager("wobbly").get("/api/queue/health").json();
        assertEquals("degraded", degraded.get("status").getStringValue());
        assertEquals("degraded", alert(degraded, "failure-rate").get("severity").getStringValue());
    }

    @Test
    void aLongWaitAndAnOverrunningTaskRaiseAlerts() {
        rows.unfinished("waiting", TaskStatus.QUEUED, TaskPriority.NORMAL, Duration.ofMinutes(10), "{}");
        rows.unfinished("waiting", TaskStatus.RUNNING, TaskPriority.NORMAL, Duration.ofHours(2), "{}");
        rows.unfinished("waiting", TaskStatus.RUNNING, TaskPriority.NORMAL, Duration.ofMinutes(2),
                "{\"timeoutSeconds\":60}");
        rows.unfinished("waiting", TaskStatus.RUNNING, TaskPriority.NORMAL, Duration.ofMinutes(2), "{}");

        JsonNode health = manager("waiting").get("/api/queue/health").json();

        assertEquals("degraded", health.get("status").getStringValue());
        assertEquals(600, alert(health, "oldest-queued").get("value").getNumberValue().doubleValue(), 5);
        assertEquals(2, alert(health, "overrunning").get("value").getNumberValue().intValue(),
                "two hours without a timeout, and past a 60 s timeout; two minutes without one is fine");

        rows.unfinished("stuck", TaskStatus.QUEUED, TaskPriority.NORMAL, Duration.ofMinutes(45), "{}");
        assertEquals("unhealthy", manager("stuck").get("/api/queue/health").field("status"));
    }

    @Test
    void theStuckListNamesOverrunningTasksThenLongQueuedOnes() {
        String queued = rows.unfinished("stuck-list", TaskStatus.QUEUED, TaskPriority.NORMAL, Duration.ofMinutes(10), "{}");
        rows.unfinished("stuck-list", TaskStatus.QUEUED, TaskPriority.NORMAL, Duration.ofMinutes(1), "{}");
        String overrunning = rows.unfinished("stuck-list", TaskStatus.RUNNING, TaskPriority.NORMAL, Duration.ofHours(2),
                "{}");
        String pastTimeout = rows.unfinished("stuck-list", TaskStatus.RETRYING, TaskPriority.NORMAL,
                Duration.ofMinutes(3), "{\"timeoutSeconds\":60}");
        rows.unfinished("stuck-list", TaskStatus.RUNNING, TaskPriority.NORMAL, Duration.ofMinutes(2), "{}");

        JsonNode stuck = manager("stuck-list").get("/api/queue/stuck").json();

        List<String> listed = new ArrayList<>();
        stuck.get("items").values().forEach(item -> listed.add(item.get("id").getStringValue() + " "
                + item.get("reason").getStringValue()));
        assertEquals(List.of(overrunning + " overrunning", pastTimeout + " overrunning", queued + " queued-too-long"),
                listed, "two minutes without a timeout and one minute queued are fine");
        JsonNode first = stuck.get("items").get(0);
        assertEquals(3600, first.get("expectedSeconds").getNumberValue().doubleValue(), 1e-9);
        assertEquals(7200, first.get("forSeconds").getNumberValue().doubleValue(), 5);
        assertEquals(60, stuck.get("items").get(1).get("expectedSeconds").getNumberValue().doubleValue(), 1e-9);
        assertEquals(0, manager("calm").get("/api/queue/stuck").json().get("items").size(), "another tenant's");
        assertEquals(403, api.as(Tokens.of("ulf", "stuck-list", "USER")).get("/api/queue/stuck").status());
    }

    @Test
    void aPausedIntakeIsSaidInsteadOfTheWait() {
        rows.unfinished("default", TaskStatus.QUEUED, TaskPriority.NORMAL, Duration.ofMinutes(10), "{}");
        api.post("/api/queue/pause", "");

        JsonNode health = api.get("/api/queue/health").json();

        assertEquals("degraded", alert(health, "intake-paused").get("severity").getStringValue());
        assertTrue(checks(health).stream().noneMatch("oldest-queued"::equals), checks(health).toString());
    }

    @Test
    void aUserSeesNeitherStatusNorHealth() {
        Api user = api.as(Tokens.of("ulf", Tokens.TENANT, "USER"));
        assertEquals(403, user.get("/api/queue/status").status());
        assertEquals(403, user.get("/api/queue/health").status());
        assertNull(user.get("/api/queue/health").json().get("alerts"));
    }

    private Api manager(String tenant) {
        return api.as(Tokens.of("mia", tenant, "MANAGER"));
    }

    private String submit(Api as, String priority) {
        return as.post("/api/tasks", """
                {"type":"webhook-delivery","payload":{"url":"%s"},"priority":"%s"}"""
                .formatted(receiver.url("/q"), priority)).field("id");
    }

    private static JsonNode alert(JsonNode health, String check) {
        for (JsonNode alert : health.get("alerts").values()) {
            if (alert.get("check").getStringValue().equals(check)) {
                return alert;
            }
        }
        throw new AssertionError("no " + check + " alert in " + checks(health));
    }

    private static List<String> checks(JsonNode health) {
        List<String> found = new ArrayList<>();
        health.get("alerts").values().forEach(alert -> found.add(alert.get("check").getStringValue()));
        return found;
    }
}
