package dev.tasklane.gateway.schedule;

import dev.tasklane.activities.testing.WebhookReceiver;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.Await;
import dev.tasklane.gateway.support.RestartableApp;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Schedules and a paused intake are as they were after a restart.
 */
class SchedulesAndPauseRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void schedulesAndTheirPausedStateComeBackAfterARestart() {
        Map<String, Object> properties = RestartableApp.properties(dataDir, Map.of());
        String running;
        String paused;
        try (EmbeddedServer first = ApplicationContext.run(EmbeddedServer.class, properties, "test")) {
            Api api = new Api(first, first.getApplicationContext().getBean(JsonMapper.class));
            running = api.post("/api/schedules", """
                    {"name":"weekly-digest","cron":"0 8 * * 1","timezone":"Europe/Paris","taskType":"webhook-delivery",
                     "payload":{"url":"http://127.0.0.1:1/digest"}}""").field("id");
            paused = api.post("/api/schedules", """
                    {"name":"quiet","cron":"monthly","enabled":false,"taskType":"webhook-delivery",
                     "payload":{"url":"http://127.0.0.1:1/quiet"}}""").field("id");
            assertEquals(200, api.post("/api/queue/pause", "").status());
        }

        try (EmbeddedServer second = ApplicationContext.run(EmbeddedServer.class, properties, "test")) {
            WorkflowClient client = second.getApplicationContext().getBean(WorkflowClient.class);
            ScheduleClient schedules = second.getApplicationContext().getBean(ScheduleClient.class);
            ScheduleDescription weekly = schedules.getHandle(running).describe();
            assertEquals("Europe/Paris", weekly.getSchedule().getSpec().getTimeZoneName());
            assertFalse(weekly.getSchedule().getState().isPaused());
            ScheduleDescription quiet = schedules.getHandle(paused).describe();
            assertTrue(quiet.getSchedule().getState().isPaused());

            Api api = new Api(second, second.getApplicationContext().getBean(JsonMapper.class));
            Api.Response weeklyView = api.get("/api/schedules/weekly-digest");
            assertEquals("0 8 * * 1", weeklyView.field("cron"));
            assertEquals(5, weeklyView.json().get("nextFireTimes").size());
            assertEquals(weekly.getInfo().getNextActionTimes().get(0).toString(),
                    weeklyView.json().get("nextFireTimes").get(0).getStringValue());
            Api.Response quietView = api.get("/api/schedules/quiet");
            assertFalse(quietView.json().get("enabled").getBooleanValue());
            assertEquals(0, quietView.json().get("nextFireTimes").size());
            try (WebhookReceiver receiver = WebhookReceiver.start("127.0.0.1")) {
                String held = api.post("/api/tasks", """
                        {"type":"webhook-delivery","payload":{"url":"%s"}}""".formatted(receiver.url("/held")))
                        .field("id");
                Await.until("the task to wait for intake", Duration.ofSeconds(15), () -> client.fetchHistory(held)
                        .getEvents().stream().anyMatch(HistoryEvent::hasTimerStartedEventAttributes), atGate -> atGate);
                assertEquals("QUEUED", api.get("/api/tasks/" + held).field("status"));
                assertEquals(0, receiver.requests().size());

                api.post("/api/queue/resume", "");
                api.awaitStatus(held, "COMPLETED");
            }
        }
    }
}
