package dev.tasklane.gateway.schedule;

import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.Await;
import dev.tasklane.gateway.support.Tokens;
import dev.tasklane.store.schedule.ScheduleRepository;
import dev.tasklane.store.schedule.ScheduleRow;
import dev.tasklane.workflows.lifecycle.TaskPriority;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleListDescription;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Schedules the store kept before they ran on Temporal Schedules are carried over once, and then left alone. */
@MicronautTest(transactional = false)
class ScheduleCarryOverTest extends ApiWithReceiverTest {

    @Inject
    ScheduleRepository store;

    @Inject
    ScheduleCarryOver carryOver;

    @Inject
    ScheduleClient schedules;

    @Inject
    WorkflowClient client;

    @Test
    void storedSchedulesBecomeTemporalSchedulesOnceAndTheirTimerWorkflowsEnd() {
        ScheduleRow running = stored("kept-from-before", "30 7 * * *", "Europe/Vienna", true);
        ScheduleRow paused = stored("kept-paused", "0 12 * * 1", "UTC", false);
        String timerWorkflow = startTimerWorkflowAsBefore(running.id());

        carryOver.carryOver();

        ScheduleDescription carried = schedules.getHandle(running.id()).describe();
        assertEquals("Europe/Vienna", carried.getSchedule().getSpec().getTimeZoneName());
        assertFalse(carried.getSchedule().getState().isPaused());
        assertEquals("carried over from the store", carried.getSchedule().getState().getNote());
        assertTrue(schedules.getHandle(paused.id()).describe().getSchedule().getState().isPaused());
        assertEquals(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED, client.newUntypedWorkflowStub(
                timerWorkflow).describe().getRawDescription().getWorkflowExecutionInfo().getStatus());
        Api.Response view = api.get("/api/schedules/kept-from-before");
        assertEquals(5, view.json().get("nextFireTimes").size());
        assertEquals(7, Instant.parse(view.json().get("nextFireTimes").get(0).getStringValue())
                .atZone(java.time.ZoneId.of("Europe/Vienna")).getHour());

        schedules.getHandle(running.id()).pause("paused in Temporal since");
        carryOver.carryOver();

        ScheduleDescription left = schedules.getHandle(running.id()).describe();
        assertEquals(carried.getInfo().getCreatedAt(), left.getInfo().getCreatedAt(), "not made again");
        assertEquals("paused in Temporal since", left.getSchedule().getState().getNote(), "left as it is");
        Await.until("the carried-over schedules in Temporal's list", Duration.ofSeconds(20),
                () -> schedules.listSchedules().map(ScheduleListDescription::getScheduleId)
                        .filter(id -> id.equals(running.id()) || id.equals(paused.id())).toList(),
                ids -> ids.size() == 2);
    }

    /** A row as the store held it before: no Temporal Schedule, default overlap policy and catch-up window. */
    private ScheduleRow stored(String name, String cron, String timezone, boolean enabled) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ScheduleRow row = new ScheduleRow(Schedules.idOf(Tokens.TENANT, name), Tokens.TENANT, name, "tester", cron,
                timezone, "webhook-delivery", "{\"url\":\"" + receiver.url("/" + name) + "\"}", "{}",
                TaskPriority.NORMAL, enabled, false, now, now, "SKIP", 86_400);
        return store.save(row);
    }

    /** The timer workflow that ran a schedule before, under the schedule's ID, on a queue no worker here polls. */
    private String startTimerWorkflowAsBefore(String scheduleId) {
        client.newUntypedWorkflowStub("ScheduleWorkflow", WorkflowOptions.newBuilder()
                .setWorkflowId(scheduleId).setTaskQueue("schedules-before").build()).start(scheduleId);
        return scheduleId;
    }
}
