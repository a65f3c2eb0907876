package dev.tasklane.gateway.schedule;

import dev.tasklane.gateway.config.DevServerProperties;
import dev.tasklane.gateway.config.TemporalProperties;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.Await;
import dev.tasklane.gateway.temporal.TemporalCli;
import dev.tasklane.gateway.temporal.TemporalConnection;
import dev.tasklane.workflows.lifecycle.TaskSearchAttributes;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleListDescription;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Recurring schedules over the API, each one a Temporal Schedule of the dev server with the schedule's ID. */
@MicronautTest(transactional = false)
class ScheduleApiTest extends ApiWithReceiverTest {

    @Inject
    ScheduleClient schedules;

    @Inject
    TemporalSchedules temporal;

    @Inject
    ScheduleActivitiesImpl activities;

    @Inject
    TemporalConnection connection;

    @Inject
    TemporalProperties temporalProperties;

    @Inject
    DevServerProperties devServer;

    @Test
    void aCreatedScheduleIsATemporalScheduleWhoseNextFiveFireTimesItShows() {
        Api.Response created = api.post("/api/schedules", """
                {"name":"morning-ping","cron":"0 9 * * 1-5","timezone":"Europe/Berlin","taskType":"webhook-delivery",
                 "payload":{"url":"%s","secret":"s3cret"},"priority":"HIGH"}""".formatted(receiver.url("/ping")));

        assertEquals(201, created.status(), created.text());
        assertEquals("/api/schedules/morning-ping", created.location());
        JsonNode view = created.json();
        assertEquals("0 9 * * 1-5", view.get("cron").getStringValue());
        assertEquals("HIGH", view.get("priority").getStringValue());
        assertEquals("SKIP", view.get("overlapPolicy").getStringValue());
        assertEquals(86_400, view.get("catchupWindowSeconds").getLongValue());
        assertEquals("[redacted]", view.get("payload").get("secret").getStringValue());
        List<Instant> next = instants(view.get("nextFireTimes"));
        assertEquals(5, next.size());
        for (int i = 0; i < next.size(); i++) {
            assertEquals(9, next.get(i).atZone(ZoneId.of("Europe/Berlin")).getHour());
            assertTrue(i == 0 || next.get(i).isAfter(next.get(i - 1)));
        }
        String id = view.get("id").getStringValue();
        ScheduleDescription described = schedules.getHandle(id).describe();
        assertEquals(next, described.getInfo().getNextActionTimes().subList(0, 5));
        assertEquals("Europe/Berlin", described.getSchedule().getSpec().getTimeZoneName());
        assertEquals(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP, described.getSchedule().getPolicy().getOverlap());
        assertEquals(Duration.ofDays(1), described.getSchedule().getPolicy().getCatchupWindow());
        ScheduleActionStartWorkflow action = (ScheduleActionStartWorkflow) described.getSchedule().getAction();
        assertEquals("ScheduledRunWorkflow", action.getWorkflowType());
        assertEquals(id, action.getOptions().getWorkflowId());
        assertEquals("webhook-delivery", described.getTypedSearchAttributes().get(TaskSearchAttributes.TYPE));
        assertFalse(described.toString().contains("s3cret"), "the payload stays in the store");

        assertEquals(view, api.get("/api/schedules/morning-ping").json());
        assertTrue(names(api.get("/api/schedules").json()).contains("morning-ping"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 9 * * MON-FRI", "0 9 * * 7", "*/15 8-18 * * 1-5", "0 0 1 JAN,JUL *", "@weekly"})
    void everyCronTheApiTakesTemporalTakesToo(String cron) {
        String name = "cron-" + Integer.toHexString(cron.hashCode());

        Api.Response created = api.post("/api/schedules", """
                {"name":"%s","cron":"%s","taskType":"webhook-delivery","payload":{"url":"%s"}}"""
                .formatted(name, cron, receiver.url("/" + name)));

        assertEquals(201, created.status(), created.text());
        assertEquals(5, created.json().get("nextFireTimes").size(), created.text());
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
        assertEquals("schedule:" + id + ":2026-06-01T10:00:00Z", task.field("idempotencyKey"));
        assertEquals("webhook-delivery", task.field("type"));
        api.awaitStatus(next, "COMPLETED");
        assertEquals(2, receiver.requests().size());
    }

    @Test
    void triggerRunsTheTaskNowAndPauseWithItsNoteAndResumeReachTheTemporalSchedule() {
        String id = api.post("/api/schedules", """
                {"name":"nightly-ping","cron":"0 2 * * *","taskType":"webhook-delivery","payload":{"url":"%s"}}"""
                .formatted(receiver.url("/nightly"))).field("id");

        Api.Response triggered = api.post("/api/schedules/nightly-ping/trigger", "");
        assertEquals(202, triggered.status(), triggered.text());
        assertEquals(id, api.awaitStatus(triggered.field("id"), "COMPLETED").field("scheduleId"));

        Api.Response paused = api.post("/api/schedules/nightly-ping/pause", "{\"note\":\"database upgrade\"}");
        assertEquals(200, paused.status(), paused.text());
        assertFalse(paused.json().get("enabled").getBooleanValue());
        assertEquals("database upgrade", paused.field("note"));
        assertEquals(0, paused.json().get("nextFireTimes").size());
        assertTrue(schedules.getHandle(id).describe().getSchedule().getState().isPaused());
        assertEquals("database upgrade", schedules.getHandle(id).describe().getSchedule().getState().getNote());
        assertEquals(paused.json(), api.get("/api/schedules/nightly-ping").json());

        Api.Response resumed = api.post("/api/schedules/nightly-ping/resume", "");
        assertTrue(resumed.json().get("enabled").getBooleanValue());
        assertEquals("resumed by tester", resumed.field("note"));
        assertEquals(5, resumed.json().get("nextFireTimes").size());
        assertFalse(schedules.getHandle(id).describe().getSchedule().getState().isPaused());

        assertEquals("paused by tester", api.post("/api/schedules/nightly-ping/pause", "").field("note"));
    }

    @Test
    void aPauseFromTemporalShowsInTheView() {
        String id = api.post("/api/schedules", """
                {"name":"paused-elsewhere","cron":"daily","taskType":"webhook-delivery","payload":{"url":"%s"}}"""
                .formatted(receiver.url("/elsewhere"))).field("id");

        schedules.getHandle(id).pause("paused in the Web UI");

        JsonNode view = api.get("/api/schedules/paused-elsewhere").json();
        assertFalse(view.get("enabled").getBooleanValue());
        assertEquals("paused in the Web UI", view.get("note").getStringValue());
    }

    @Test
    void anUpdateChangesTheTemporalSchedulesCronAndADeleteRemovesIt() {
        String id = api.post("/api/schedules", """
                {"name":"report","cron":"daily","taskType":"webhook-delivery","payload":{"url":"%s"}}"""
                .formatted(receiver.url("/report"))).field("id");

        Api.Response updated = api.put("/api/schedules/report", """
                {"name":"report","cron":"*/30 * * * *","timezone":"Asia/Tokyo","taskType":"webhook-delivery",
                 "payload":{"url":"%s"},"overlapPolicy":"ALLOW_ALL","catchupWindowSeconds":600}"""
                .formatted(receiver.url("/report2")));
        assertEquals(200, updated.status(), updated.text());
        assertEquals("Asia/Tokyo", updated.field("timezone"));
        List<Instant> next = instants(updated.json().get("nextFireTimes"));
        assertEquals(Duration.ofMinutes(30), Duration.between(next.get(0), next.get(1)));
        ScheduleDescription described = schedules.getHandle(id).describe();
        assertEquals("Asia/Tokyo", described.getSchedule().getSpec().getTimeZoneName());
        assertEquals(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_ALLOW_ALL,
                described.getSchedule().getPolicy().getOverlap());
        assertEquals(Duration.ofMinutes(10), described.getSchedule().getPolicy().getCatchupWindow());
        assertEquals(receiver.url("/report2"), api.get("/api/schedules/report").json().get("payload").get("url")
                .getStringValue());

        assertEquals(204, api.delete("/api/schedules/report").status());
        assertEquals(404, api.get("/api/schedules/report").status());
        assertTrue(temporal.describe(id).isEmpty(), "the Temporal Schedule is gone");
        assertNull(activities.fire(id, "2026-06-01T10:00:00Z"), "a fire already under way submits nothing");
    }

    @Test
    void tasklanesOwnSchedulesAreTemporalSchedulesToo() {
        for (String name : List.of(DefaultSchedules.CLEANUP, DefaultSchedules.ANALYTICS)) {
            Api.Response view = Await.until("the default schedule " + name, Duration.ofSeconds(20),
                    () -> api.get("/api/schedules/" + name), response -> response.status() == 200);
            assertTrue(view.json().get("builtIn").getBooleanValue());
            ScheduleDescription described = schedules.getHandle(view.field("id")).describe();
            assertEquals("UTC", described.getSchedule().getSpec().getTimeZoneName());
            assertEquals(instants(view.json().get("nextFireTimes")),
                    described.getInfo().getNextActionTimes().subList(0, 5));
        }
    }

    @Test
    void schedulesShowInTemporalsScheduleListAndTheCli() throws Exception {
        String id = api.post("/api/schedules", """
                {"name":"listed","cron":"weekly","taskType":"webhook-delivery","payload":{"url":"%s"}}"""
                .formatted(receiver.url("/listed"))).field("id");

        Await.until("the schedule in Temporal's list", Duration.ofSeconds(20),
                () -> schedules.listSchedules().map(ScheduleListDescription::getScheduleId).toList(),
                ids -> ids.contains(id));
        String cli = Await.until("the schedule in `temporal schedule list`", Duration.ofSeconds(20),
                this::temporalScheduleList, listed -> listed.contains(id));
        assertTrue(cli.contains("ScheduledRunWorkflow"), cli);
    }

    private String temporalScheduleList() {
        try {
            Process list = new ProcessBuilder(TemporalCli.find(devServer.cli()).toString(), "schedule", "list",
                    "--address", connection.target(), "--namespace", temporalProperties.namespace())
                    .redirectErrorStream(true).start();
            String output = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(list.waitFor(20, TimeUnit.SECONDS));
            return output;
        } catch (IOException | TemporalCli.Missing e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<Instant> instants(JsonNode array) {
        List<Instant> found = new ArrayList<>();
        array.values().forEach(node -> found.add(Instant.parse(node.getStringValue())));
        return found;
    }

    private static List<String> names(JsonNode list) {
        List<String> found = new ArrayList<>();
        list.get("items").values().forEach(item -> found.add(item.get("name").getStringValue()));
        return found;
    }
}
