package dev.tasklane.gateway.schedule;

import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.Await;
import dev.tasklane.workflows.schedule.ScheduleState;
import dev.tasklane.workflows.schedule.ScheduleWorkflow;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Recurring schedules over the API, each one a running workflow of the embedded Temporal. */
@MicronautTest(transactional = false)
class ScheduleApiTest extends ApiWithReceiverTest {

    @Inject
    WorkflowClient client;

    @Inject
    ScheduleActivitiesImpl activities;

    @Test
    void aCreatedScheduleShowsItsNextFiveFireTimesAndRunsAsAWorkflowWithItsId() {
        Api.Response created = api.post("/api/schedules", """
                {"name":"morning-ping","cron":"0 9 * * 1-5","timezone":"Europe/Berlin","taskType":"webhook-delivery",
                 "payload":{"url":"%s","secret":"s3cret"},"priority":"HIGH"}""".formatted(receiver.url("/ping")));

        assertEquals(201, created.status(), created.text());
        assertEquals("/api/schedules/morning-ping", created.location());
        JsonNode view = created.json();
        assertEquals("0 9 * * 1-5", view.get("cron").getStringValue());
        assertEquals("HIGH", view.get("priority").getStringValue());
        assertEquals("[redacted]", view.get("payload").get("secret").getStringValue());
        List<Instant> next = instants(view.get("nextFireTimes"));
        assertEquals(5, next.size());
        for (int i = 0; i < next.size(); i++) {
            assertEquals(9, next.get(i).atZone(java.time.ZoneId.of("Europe/Berlin")).getHour());
            assertTrue(i == 0 || next.get(i).isAfter(next.get(i - 1)));
        }
        String id = view.get("id").getStringValue();
        assertEquals(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING, status(id));
        ScheduleState state = query(id);
        assertEquals("0 9 * * 1-5", state.spec().cron());
        assertEquals(next.stream().map(Instant::toString).toList(), state.nextFireTimes());

        assertEquals(view, api.get("/api/schedules/morning-ping").json());
        assertTrue(names(api.get("/api/schedules").json()).contains("morning-ping"));
    }

    @Test
    void eachFireIsANormalTaskThatNamesTheScheduleAndARetriedFireMakesNoSecondTask() {
        String id = api.post("/api/schedules", """
                {"name":"hourly-ping","cron":"hourly","taskType":"webhook-delivery","payload":{"url":"%s"}}"""
                .formatted(receiver.url("/hourly"))).field("id");

        String first = activities.fire(id, "2026-06-01T10:00:00Z");
        String again = activities.fire(id, "2026-06-01T10:00:00Z");
        String next = activities.fire(id, "2026-06-01T11:00:00Z");

        assertEquals(first, again);
        assertFalse(first.equals(next));
        Api.Response task = api.awaitStatus(first, "COMPLETED");
        assertEquals(id, task.field("scheduleId"));
        assertEquals("webhook-delivery", task.field("type"));
        api.awaitStatus(next, "COMPLETED");
        assertEquals(2, receiver.requests().size());
    }

    @Test
    void triggerRunsTheTaskNowAndPauseAndResumeReachTheWorkflow() {
        String id = api.post("/api/schedules", """
                {"name":"nightly-ping","cron":"0 2 * * *","taskType":"webhook-delivery","payload":{"url":"%s"}}"""
                .formatted(receiver.url("/nightly"))).field("id");

        Api.Response triggered = api.post("/api/schedules/nightly-ping/trigger", "");
        assertEquals(202, triggered.status(), triggered.text());
        assertEquals(id, api.awaitStatus(triggered.field("id"), "COMPLETED").field("scheduleId"));

        Api.Response paused = api.post("/api/schedules/nightly-ping/pause", "");
        assertEquals(200, paused.status());
        assertFalse(paused.json().get("enabled").getBooleanValue());
        assertEquals(0, paused.json().get("nextFireTimes").size());
        Await.until("the workflow to be paused", Duration.ofSeconds(10), () -> query(id),
                state -> !state.spec().enabled() && state.nextFireTimes().isEmpty());
        assertNull(activities.fire(id, "2026-06-02T02:00:00Z"), "a paused schedule submits nothing");

        Api.Response resumed = api.post("/api/schedules/nightly-ping/resume", "");
        assertTrue(resumed.json().get("enabled").getBooleanValue());
        assertEquals(5, resumed.json().get("nextFireTimes").size());
        Await.until("the workflow to be resumed", Duration.ofSeconds(10), () -> query(id),
                state -> state.spec().enabled() && state.nextFireTimes().size() == 5);
    }

    @Test
    void anUpdateChangesTheCronOfTheRunningWorkflowAndADeleteEndsIt() {
        String id = api.post("/api/schedules", """
                {"name":"report","cron":"daily","taskType":"webhook-delivery","payload":{"url":"%s"}}"""
                .formatted(receiver.url("/report"))).field("id");

        Api.Response updated = api.put("/api/schedules/report", """
                {"name":"report","cron":"*/30 * * * *","timezone":"Asia/Tokyo","taskType":"webhook-delivery",
                 "payload":{"url":"%s"}}""".formatted(receiver.url("/report2")));
        assertEquals(200, updated.status(), updated.text());
        assertEquals("Asia/Tokyo", updated.field("timezone"));
        Await.until("the workflow to take the new cron", Duration.ofSeconds(10), () -> query(id),
                state -> state.spec().cron().equals("*/30 * * * *"));
        assertEquals(receiver.url("/report2"), api.get("/api/schedules/report").json().get("payload").get("url")
                .getStringValue());

        assertEquals(204, api.delete("/api/schedules/report").status());
        assertEquals(404, api.get("/api/schedules/report").status());
        assertEquals(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED, status(id));
    }

    private ScheduleState query(String id) {
        return client.newWorkflowStub(ScheduleWorkflow.class, id).state();
    }

    private WorkflowExecutionStatus status(String id) {
        return client.newUntypedWorkflowStub(id).describe().getRawDescription().getWorkflowExecutionInfo().getStatus();
    }

    private static List<Instant> instants(JsonNode array) {
        List<Instant> found = new ArrayList<>();
        array.values().forEach(node -> found.add(Instant.parse(node.getStringValue())));
        return found;
    }

    private static List<String> names(JsonNode list) {
        List<String> found = new ArrayList<>();
        list.get("items").values().forEach(item -> found.add(item.get("name").getStringValue()));
        assertNotNull(found);
        return found;
    }
}
