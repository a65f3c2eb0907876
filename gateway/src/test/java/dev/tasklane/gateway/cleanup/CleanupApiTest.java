package dev.tasklane.gateway.cleanup;

import dev.tasklane.activities.testing.WebhookReceiver.Reply;
import dev.tasklane.gateway.schedule.DefaultSchedules;
import dev.tasklane.gateway.schedule.ScheduleActivitiesImpl;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.Await;
import dev.tasklane.gateway.support.CatalogRows;
import dev.tasklane.gateway.support.Tokens;
import dev.tasklane.store.schedule.ScheduleRepository;
import dev.tasklane.store.task.TaskRepository;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.context.annotation.Property;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cleanup task against the real store and the embedded Temporal: retention per outcome, scope, reconciling. */
@MicronautTest(transactional = false)
@Property(name = "tasklane.cleanup.reconcile-after", value = "0s")
// the cleanup, not the gateway's watch for workflows closed outside, is to set the terminated row right here
@Property(name = "tasklane.temporal.closed-outside-check", value = "1h")
class CleanupApiTest extends ApiWithReceiverTest {

    @Inject
    TaskRepository tasks;

    @Inject
    ScheduleRepository schedules;

    @Inject
    ScheduleActivitiesImpl scheduleActivities;

    @Inject
    JdbcOperations jdbc;

    @Inject
    TransactionOperations<Connection> transactions;

    @Inject
    WorkflowClient client;

    @Inject
    CatalogRows rows;

    @Test
    void eachOutcomeKeepsToItsRetentionAndATasksEventsGoWithIt() {
        String oldCompleted = finished("acme-ops", TaskStatus.COMPLETED, Duration.ofDays(8));
        String youngCompleted = finished("acme-ops", TaskStatus.COMPLETED, Duration.ofDays(6));
        String oldFailed = finished("acme-ops", TaskStatus.FAILED, Duration.ofDays(31));
        String youngFailed = finished("acme-ops", TaskStatus.FAILED, Duration.ofDays(20));
        String oldCancelled = finished("acme-ops", TaskStatus.CANCELLED, Duration.ofDays(8));
        String oldTimedOut = finished("acme-ops", TaskStatus.TIMED_OUT, Duration.ofDays(31));
        String otherTenants = finished("elsewhere", TaskStatus.COMPLETED, Duration.ofDays(400));
        Api admin = api.as(Tokens.of("root", "acme-ops", "ADMIN"));

        Api.Response run = admin.post("/api/tasks/cleanup", "");
        assertEquals(202, run.status(), run.text());
        JsonNode result = awaitCompleted(admin, run.field("id")).get("result");

        assertEquals(4, result.get("deletedTasks").getLongValue());
        assertEquals(8, result.get("deletedEvents").getLongValue());
        assertEquals(1, result.get("deletedByStatus").get("COMPLETED").getLongValue());
        assertEquals(1, result.get("deletedByStatus").get("FAILED").getLongValue());
        assertFalse(result.get("allTenants").getBooleanValue());
        for (String gone : new String[] {oldCompleted, oldFailed, oldCancelled, oldTimedOut}) {
            assertTrue(tasks.findById(gone).isEmpty(), gone + " is past its retention");
            assertEquals(0, count("SELECT COUNT(*) FROM task_event WHERE task_id = '" + gone + "'"));
        }
        for (String kept : new String[] {youngCompleted, youngFailed, otherTenants}) {
            assertTrue(tasks.findById(kept).isPresent(), kept + " is kept");
            assertEquals(2, count("SELECT COUNT(*) FROM task_event WHERE task_id = '" + kept + "'"));
        }
    }

    @Test
    void maxAgeHoursOverridesTheRetentions() {
        String twoHours = finished("acme-hours", TaskStatus.COMPLETED, Duration.ofHours(2));
        String halfHour = finished("acme-hours", TaskStatus.FAILED, Duration.ofMinutes(30));
        Api admin = api.as(Tokens.of("root", "acme-hours", "ADMIN"));

        JsonNode result = awaitCompleted(admin, admin.post("/api/tasks/cleanup?maxAgeHours=1", "").field("id"))
                .get("result");

        assertEquals(1, result.get("deletedTasks").getLongValue());
        assertTrue(tasks.findById(twoHours).isEmpty());
        assertTrue(tasks.findById(halfHour).isPresent());
    }

    @Test
    void aRowWhoseWorkflowWasTerminatedOutsideIsSetRight() {
        receiver.otherwise(Reply.status(503));
        Api admin = api.as(Tokens.of("root", "acme-drift", "ADMIN"));
        String stuck = admin.post("/api/tasks", """
                {"type":"webhook-delivery","payload":{"url":"%s"},"retry":{"initialIntervalSeconds":3600}}"""
                .formatted(receiver.url("/drift"))).field("id");
        admin.awaitStatus(stuck, "RETRYING");
        client.newUntypedWorkflowStub(stuck).terminate("closed in the Web UI");
        assertEquals(TaskStatus.RETRYING, tasks.findById(stuck).orElseThrow().status(), "nobody has read it yet");

        JsonNode result = awaitCompleted(admin, admin.post("/api/tasks/cleanup", "").field("id")).get("result");

        assertEquals(1, result.get("reconciled").getLongValue());
        assertEquals(TaskStatus.FAILED, tasks.findById(stuck).orElseThrow().status());
    }

    @Test
    void theDefaultScheduleCleansEveryTenant() {
        String first = finished("tenant-one", TaskStatus.COMPLETED, Duration.ofDays(9));
        String second = finished("tenant-two", TaskStatus.CANCELLED, Duration.ofDays(9));
        String scheduleId = Await.until("the default cleanup schedule", Duration.ofSeconds(10),
                () -> schedules.findByTenantAndName(Tokens.TENANT, DefaultSchedules.CLEANUP),
                found -> found.isPresent()).orElseThrow().id();
        assertTrue(schedules.findById(scheduleId).orElseThrow().builtIn());

        String run = scheduleActivities.fire(scheduleId, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        JsonNode result = awaitCompleted(api, run).get("result");

        assertTrue(result.get("allTenants").getBooleanValue());
        assertTrue(tasks.findById(first).isEmpty());
        assertTrue(tasks.findById(second).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "abc", "87601", "1.5"})
    void aFaultyMaxAgeIsRefusedNamingIt(String hours) {
        long before = tasks.count();
        Api.Response refused = api.post("/api/tasks/cleanup?maxAgeHours=" + hours, "");
        assertEquals(400, refused.status(), refused.text());
        assertTrue(refused.contentType().startsWith("application/problem+json"));
        assertTrue(refused.text().contains("\"field\":\"maxAgeHours\""), refused.text());
        assertEquals(before, tasks.count());
    }

    @Test
    void onlyAnAdminMayCleanUp() {
        Api manager = api.as(Tokens.of("mia", Tokens.TENANT, "MANAGER"));
        assertEquals(403, manager.post("/api/tasks/cleanup", "").status());
        assertEquals(403, manager.post("/api/tasks", "{\"type\":\"cleanup\",\"payload\":{}}").status());
        assertEquals(403, manager.post("/api/tasks/cleanup?maxAgeHours=1", "").status());
    }

    private JsonNode awaitCompleted(Api as, String id) {
        return as.awaitStatus(id, "COMPLETED").json();
    }

    private String finished(String tenant, TaskStatus status, Duration ago) {
        return rows.ended(tenant, "webhook-delivery", status, ago, Duration.ofSeconds(1));
    }

    private long count(String sql) {
        return transactions.executeRead(s -> jdbc.prepareStatement(sql, statement -> {
            ResultSet result = statement.executeQuery();
            result.next();
            return result.getLong(1);
        }));
    }
}
