package dev.tasklane.gateway.schedule;

import dev.tasklane.activities.testing.WebhookReceiver;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.Await;
import dev.tasklane.gateway.support.RestartableApp;
import dev.tasklane.gateway.support.Tokens;
import dev.tasklane.store.task.TaskRepository;
import dev.tasklane.store.task.TaskRow;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.temporal.client.schedules.ScheduleClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A fire time that falls while Tasklane and its Temporal are stopped runs once, late, after they start again. */
class ScheduleCatchUpTest {

    /** The first run starts no later into a minute than this, leaving it time to stop before the minute ends. */
    private static final int LAST_SECOND_TO_START = 30;

    @TempDir
    Path dataDir;

    @Test
    void aFireMissedWhileStoppedRunsOnceAfterTheRestart() {
        Map<String, Object> properties = RestartableApp.properties(dataDir, Map.of(
                "tasklane.schedules.defaults.cleanup", false,
                "tasklane.schedules.defaults.analytics", false));
        try (WebhookReceiver receiver = WebhookReceiver.start("127.0.0.1")) {
            // no fire may fall while the first run stops: one whose run is still pending at the restart would make
            // the schedule skip the missed fire as an overlap
            Instant startedAt = Await.until("a minute with time to stop before it ends", Duration.ofSeconds(65),
                    Instant::now, now -> now.atZone(ZoneOffset.UTC).getSecond() < LAST_SECOND_TO_START);
            Instant missed = startedAt.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
            String id;
            try (EmbeddedServer first = ApplicationContext.run(EmbeddedServer.class, properties, "test")) {
                Api api = new Api(first, first.getApplicationContext().getBean(JsonMapper.class));
                Api.Response created = api.post("/api/schedules", """
                        {"name":"every-minute","cron":"* * * * *","taskType":"webhook-delivery",
                         "payload":{"url":"%s"},"catchupWindowSeconds":300}""".formatted(receiver.url("/minute")));
                assertEquals(201, created.status(), created.text());
                id = created.field("id");
            }
            assertTrue(Instant.now().isBefore(missed), "stopped before the fire time " + missed);
            Await.until("the fire time to pass while stopped", Duration.ofSeconds(65), Instant::now,
                    now -> now.isAfter(missed.plusSeconds(2)));

            Instant restarted = Instant.now();
            try (EmbeddedServer second = ApplicationContext.run(EmbeddedServer.class, properties, "test")) {
                TaskRepository tasks = second.getApplicationContext().getBean(TaskRepository.class);
                String key = "schedule:" + id + ":" + missed;
                TaskRow late = Await.until("the missed fire's run", Duration.ofSeconds(60),
                        () -> tasks.findByTenantAndOwnerAndIdempotencyKey(Tokens.TENANT, "tester", key),
                        Optional::isPresent).orElseThrow();
                assertTrue(late.createdAt().isAfter(restarted), "it ran after the restart, late: " + late.createdAt());
                Api api = new Api(second, second.getApplicationContext().getBean(JsonMapper.class));
                api.awaitStatus(late.id(), "COMPLETED");
                assertEquals(0, second.getApplicationContext().getBean(ScheduleClient.class).getHandle(id).describe()
                        .getInfo().getNumActionsMissedCatchupWindow());
                assertEquals(1, receiver.requests().stream().filter(request -> request.header("Tasklane-Delivery-Id")
                        .equals(late.id())).count(), "the missed fire ran once");
            }
        }
    }
}
