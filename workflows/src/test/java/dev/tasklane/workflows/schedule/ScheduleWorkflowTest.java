package dev.tasklane.workflows.schedule;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A schedule's workflow with skipped time: fire times keep to local time across daylight saving changes. */
class ScheduleWorkflowTest {

    private static final String QUEUE = "schedules";

    private TestWorkflowEnvironment env;
    private final List<String> fired = new CopyOnWriteArrayList<>();
    private final List<Instant> firedWhen = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        env.close();
    }

    @Test
    void aDailyNineOClockInBerlinMovesAnHourInUtcWhenSummerTimeBegins() {
        ScheduleWorkflow schedule = startAt("2026-03-27T12:00:00Z", spec("0 9 * * *", "Europe/Berlin", true));

        env.sleep(Duration.ofDays(4));

        assertEquals(List.of("2026-03-28T08:00:00Z", "2026-03-29T07:00:00Z", "2026-03-30T07:00:00Z",
                "2026-03-31T07:00:00Z"), fired);
        for (int i = 0; i < fired.size(); i++) {
            assertTrue(!firedWhen.get(i).isBefore(Instant.parse(fired.get(i))), "fired before its time: " + fired.get(i));
        }
        assertEquals("2026-04-01T07:00:00Z", schedule.state().nextFireTimes().get(0));
    }

    @Test
    void andBackWhenItEnds() {
        startAt("2026-10-23T12:00:00Z", spec("0 9 * * *", "Europe/Berlin", true));

        env.sleep(Duration.ofDays(3));

        assertEquals(List.of("2026-10-24T07:00:00Z", "2026-10-25T08:00:00Z", "2026-10-26T08:00:00Z"), fired);
    }

    @Test
    void aLocalTimeTheSpringChangeSkipsIsSkippedAndOneTheAutumnChangeRepeatsFiresOnce() {
        startAt("2026-03-28T12:00:00Z", spec("30 2 * * *", "Europe/Berlin", true));
        env.sleep(Duration.ofDays(2));
        assertEquals(List.of("2026-03-30T00:30:00Z"), fired, "02:30 does not exist on 29 March");
        env.close();
        fired.clear();

        startAt("2026-10-24T12:00:00Z", spec("30 2 * * *", "Europe/Berlin", true));
        env.sleep(Duration.ofDays(2));
        assertEquals(List.of("2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"), fired, "02:30 happens twice on 25 October");
    }

    @Test
    void aPausedScheduleDoesNotFireUntilResumedAndTheQueryShowsTheNextFiveTimes() {
        ScheduleWorkflow schedule = startAt("2026-06-01T00:30:00Z", spec("0 * * * *", "UTC", false));
        env.sleep(Duration.ofHours(3));
        assertEquals(List.of(), fired);
        assertEquals(List.of(), schedule.state().nextFireTimes());

        schedule.apply(spec("0 * * * *", "UTC", true));
        assertEquals(List.of("2026-06-01T04:00:00Z", "2026-06-01T05:00:00Z", "2026-06-01T06:00:00Z",
                "2026-06-01T07:00:00Z", "2026-06-01T08:00:00Z"), schedule.state().nextFireTimes());
        env.sleep(Duration.ofMinutes(140));

        assertEquals(List.of("2026-06-01T04:00:00Z", "2026-06-01T05:00:00Z"), fired);
    }

    @Test
    void aNewCronTakesEffectAtOnce() {
        ScheduleWorkflow schedule = startAt("2026-06-01T00:00:00Z", spec("daily", "UTC", true));
        env.sleep(Duration.ofHours(1));

        schedule.apply(spec("*/15 * * * *", "UTC", true));
        env.sleep(Duration.ofMinutes(40));

        assertEquals(List.of("2026-06-01T01:15:00Z", "2026-06-01T01:30:00Z"), fired);
    }

    private ScheduleWorkflow startAt(String start, ScheduleSpec spec) {
        env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setInitialTime(Instant.parse(start)).build());
        Worker worker = env.newWorker(QUEUE);
        worker.registerWorkflowImplementationTypes(ScheduleWorkflowImpl.class);
        worker.registerActivitiesImplementations((ScheduleActivities) (scheduleId, fireTime) -> {
            fired.add(fireTime);
            firedWhen.add(Instant.ofEpochMilli(env.currentTimeMillis()));
            return "task-" + fired.size();
        });
        env.start();
        ScheduleWorkflow schedule = env.getWorkflowClient().newWorkflowStub(ScheduleWorkflow.class,
                WorkflowOptions.newBuilder().setWorkflowId(spec.scheduleId()).setTaskQueue(QUEUE).build());
        WorkflowClient.start(schedule::run, spec);
        return env.getWorkflowClient().newWorkflowStub(ScheduleWorkflow.class, spec.scheduleId());
    }

    private static ScheduleSpec spec(String cron, String timezone, boolean enabled) {
        return new ScheduleSpec("schedule-nightly", "nightly", cron, timezone, enabled);
    }
}
