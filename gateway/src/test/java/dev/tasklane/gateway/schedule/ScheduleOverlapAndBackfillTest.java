package dev.tasklane.gateway.schedule;

import dev.tasklane.activities.testing.WebhookReceiver;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.Await;
import dev.tasklane.gateway.support.Tokens;
import dev.tasklane.store.task.TaskRepository;
import dev.tasklane.store.task.TaskRow;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.client.schedules.ScheduleInfo;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Fires started by the Temporal Schedule itself: a backfill runs each past fire time once, and the overlap policy
 * decides what a fire does while the previous fire's task is still running.
 */
@MicronautTest(transactional = false)
class ScheduleOverlapAndBackfillTest extends ApiWithReceiverTest {

    private static final Duration RUNS = Duration.ofSeconds(30);

    @Inject
    ScheduleClient schedules;

    @Inject
    TaskRepository tasks;

    @Inject
    JdbcOperations jdbc;


    @Inject
    TransactionOperations<Connection> transactions;

    @Test
    void aBackfillRunsEachFireTimeOfItsRangeOnceAndARepeatedBackfillMakesNoSecondTask() {
        String id = create("ten-minutes", "*/10 * * * *", "SKIP");
        String range = "{\"from\":\"2026-11-01T00:00:00Z\",\"to\":\"2026-11-01T00:20:00Z\"}";

        Api.Response accepted = api.post("/api/schedules/ten-minutes/backfill", range);

        assertEquals(202, accepted.status(), accepted.text());
        List<String> fireTimes = List.of("2026-11-01T00:00:00Z", "2026-11-01T00:10:00Z", "2026-11-01T00:20:00Z");
        for (String fireTime : fireTimes) {
            TaskRow run = Await.until("the run of " + fireTime, RUNS, () -> runOf(id, fireTime), Optional::isPresent)
                    .orElseThrow();
            assertEquals(id, run.scheduleId());
            api.awaitStatus(run.id(), "COMPLETED");
        }
        Await.until("the backfill's runs to end", RUNS, () -> info(id), info -> info.getRunningActions().isEmpty());
        assertEquals(3, receiver.requests().size());
        assertEquals(3, info(id).getNumActions());

        assertEquals(202, api.post("/api/schedules/ten-minutes/backfill", range).status());
        Await.until("the repeated backfill's runs", RUNS, () -> info(id), info -> info.getNumActions() == 6
                && info.getRunningActions().isEmpty());
        assertEquals(3, receiver.requests().size(), "each fire time's task exists once");
    }

    @Test
    void skipLetsNoFireStartWhileThePreviousFiresTaskRuns() {
        receiver.otherwise(WebhookReceiver.Reply.heldUntilReleased(200));
        String id = create("skipping", "0 4 * * *", "SKIP");
        ScheduleHandle schedule = schedules.getHandle(id);

        schedule.trigger();
        Await.until("the first fire's request", RUNS, receiver::count, count -> count == 1);
        triggerInALaterSecond(schedule);

        Await.until("the second fire to be skipped", RUNS, () -> info(id),
                info -> info.getNumActionsSkippedOverlap() == 1);
        assertEquals(1, info(id).getRunningActions().size(), "the first fire waits for its task");
        assertEquals(1, receiver.count());
        receiver.release();
        Await.until("the first fire to end with its task", RUNS, () -> info(id),
                info -> info.getRunningActions().isEmpty());
    }

    @Test
    void allowAllStartsEveryFireBesideTheRunningOnes() {
        receiver.otherwise(WebhookReceiver.Reply.heldUntilReleased(200));
        String id = create("overlapping", "0 5 * * *", "ALLOW_ALL");
        ScheduleHandle schedule = schedules.getHandle(id);

        schedule.trigger();
        Await.until("the first fire's request", RUNS, receiver::count, count -> count == 1);
        triggerInALaterSecond(schedule);

        Await.until("both fires' requests at once", RUNS, receiver::count, count -> count == 2);
        assertEquals(0, info(id).getNumActionsSkippedOverlap());
        receiver.release();
    }

    @Test
    void cancelOtherCancelsThePreviousFiresTaskAndRunsTheNewOne() {
        receiver.otherwise(WebhookReceiver.Reply.heldUntilReleased(200));
        String id = create("replacing", "0 6 * * *", "CANCEL_OTHER");
        ScheduleHandle schedule = schedules.getHandle(id);

        schedule.trigger();
        Await.until("the first fire's request", RUNS, receiver::count, count -> count == 1);
        triggerInALaterSecond(schedule);

        Await.until("the second fire's request", RUNS, receiver::count, count -> count == 2);
        List<String> runs = runsOf(id);
        assertEquals(2, runs.size());
        api.awaitStatus(runs.get(0), "CANCELLED");
        assertEquals("RUNNING", api.get("/api/tasks/" + runs.get(1)).field("status"));
        receiver.release();
        api.awaitStatus(runs.get(1), "COMPLETED");
    }

    /**
     * Triggers the schedule again once the current second has passed, so after every earlier fire's second: a fire's
     * time has whole seconds, and two triggers in one second are one fire time that makes one task.
     */
    private static void triggerInALaterSecond(ScheduleHandle schedule) {
        Instant nextSecond = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        Await.until("the next second", Duration.ofSeconds(2), Instant::now, now -> !now.isBefore(nextSecond));
        schedule.trigger();
    }

    private String create(String name, String cron, String overlapPolicy) {
        Api.Response created = api.post("/api/schedules", """
                {"name":"%s","cron":"%s","taskType":"webhook-delivery","payload":{"url":"%s"},"overlapPolicy":"%s"}"""
                .formatted(name, cron, receiver.url("/" + name), overlapPolicy));
        assertEquals(201, created.status(), created.text());
        assertEquals(overlapPolicy, created.field("overlapPolicy"));
        return created.field("id");
    }

    private ScheduleInfo info(String id) {
        return schedules.getHandle(id).describe().getInfo();
    }

    private Optional<TaskRow> runOf(String scheduleId, String fireTime) {
        return tasks.findByTenantAndOwnerAndIdempotencyKey(Tokens.TENANT, "tester",
                "schedule:" + scheduleId + ":" + fireTime);
    }

    /** The IDs of the schedule's runs in the catalog, oldest first. */
    private List<String> runsOf(String scheduleId) {
        return transactions.executeRead(status -> jdbc.prepareStatement(
                "SELECT id FROM task WHERE schedule_id = ? ORDER BY created_at", statement -> {
                    statement.setString(1, scheduleId);
                    List<String> ids = new ArrayList<>();
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            ids.add(rows.getString(1));
                        }
                    }
                    return ids;
                }));
    }
}
