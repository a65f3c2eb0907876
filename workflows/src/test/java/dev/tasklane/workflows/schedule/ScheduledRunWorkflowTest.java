package dev.tasklane.workflows.schedule;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One fire of a schedule: its task is submitted under the fire time, waited for, and cancelled with the run. */
class ScheduledRunWorkflowTest {

    private static final String SCHEDULE = "schedule-nightly-1";

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(ScheduledRunWorkflowImpl.class)
            // a Temporal Schedule sets it on the workflows it starts; the test server does not know it
            .registerSearchAttribute(ScheduledRunWorkflowImpl.SCHEDULED_START_TIME.getName(),
                    IndexedValueType.INDEXED_VALUE_TYPE_DATETIME)
            .setDoNotStart(true)
            .build();

    /** Records what a run asks; its task runs until {@code taskEnded} is counted down. */
    static class RecordingScheduleActivities implements ScheduleActivities {

        final List<String> calls = new CopyOnWriteArrayList<>();
        final CountDownLatch waiting = new CountDownLatch(1);
        final CountDownLatch taskEnded = new CountDownLatch(1);
        private final String taskId;

        RecordingScheduleActivities(String taskId) {
            this.taskId = taskId;
        }

        @Override
        public String fire(String scheduleId, String fireTime) {
            calls.add("fire " + scheduleId + " " + fireTime);
            return taskId;
        }

        @Override
        public boolean ended(String task) {
            calls.add("ended? " + task);
            waiting.countDown();
            return taskEnded.getCount() == 0;
        }

        @Override
        public void cancel(String scheduleId, String task) {
            calls.add("cancel " + task);
        }
    }

    @Test
    void aRunSubmitsUnderTheFireTimeItsScheduleGaveItAndEndsWithItsTask(TestWorkflowEnvironment env, Worker worker,
                                                                         WorkflowClient client) {
        RecordingScheduleActivities activities = new RecordingScheduleActivities("task-1");
        activities.taskEnded.countDown();
        worker.registerActivitiesImplementations(activities);
        env.start();

        String task = client.newWorkflowStub(ScheduledRunWorkflow.class, options(worker, "2026-06-01T09:00:00Z"))
                .run(SCHEDULE);

        assertEquals("task-1", task);
        assertEquals(List.of("fire " + SCHEDULE + " 2026-06-01T09:00:00Z", "ended? task-1"), activities.calls);
    }

    @Test
    void aRunLooksLessOftenTheLongerItsTaskRunsAndNeverLessThanEveryFiveMinutes(TestWorkflowEnvironment env,
                                                                                Worker worker, WorkflowClient client) {
        List<Long> looks = new CopyOnWriteArrayList<>();
        RecordingScheduleActivities activities = new RecordingScheduleActivities("task-3") {
            @Override
            public boolean ended(String task) {
                looks.add(env.currentTimeMillis());
                return looks.size() == 100;
            }
        };
        worker.registerActivitiesImplementations(activities);
        env.start();

        assertEquals("task-3", client.newWorkflowStub(ScheduledRunWorkflow.class,
                options(worker, "2026-06-01T12:00:00Z")).run(SCHEDULE));

        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < looks.size(); i++) {
            gaps.add(looks.get(i) - looks.get(i - 1));
        }
        assertEquals(ScheduledRunWorkflowImpl.FIRST_LOOK.toMillis(), gaps.get(0), 500);
        for (int i = 1; i < gaps.size(); i++) {
            assertTrue(gaps.get(i) >= gaps.get(i - 1) - 500, "looks come no closer together: " + gaps);
            assertTrue(gaps.get(i) <= ScheduledRunWorkflowImpl.LONGEST_LOOK.toMillis() + 500, gaps.toString());
        }
        assertTrue(gaps.get(gaps.size() - 1) >= ScheduledRunWorkflowImpl.LONGEST_LOOK.toMillis() - 500,
                "a long task is looked at every five minutes: " + gaps);
    }

    @Test
    void aCancelledRunCancelsItsTask(TestWorkflowEnvironment env, Worker worker, WorkflowClient client)
            throws InterruptedException {
        RecordingScheduleActivities activities = new RecordingScheduleActivities("task-2");
        worker.registerActivitiesImplementations(activities);
        env.start();
        ScheduledRunWorkflow run = client.newWorkflowStub(ScheduledRunWorkflow.class,
                options(worker, "2026-06-01T10:00:00Z"));
        WorkflowClient.start(run::run, SCHEDULE);
        assertTrue(activities.waiting.await(10, TimeUnit.SECONDS));

        WorkflowStub.fromTyped(run).cancel();

        WorkflowFailedException failed = assertThrows(WorkflowFailedException.class,
                () -> WorkflowStub.fromTyped(run).getResult(String.class));
        assertInstanceOf(CanceledFailure.class, failed.getCause());
        assertTrue(activities.calls.contains("cancel task-2"), activities.calls.toString());
    }

    @Test
    void aRunOfAScheduleThatIsGoneSubmitsNothingAndWaitsForNothing(TestWorkflowEnvironment env, Worker worker,
                                                                   WorkflowClient client) {
        RecordingScheduleActivities activities = new RecordingScheduleActivities(null);
        worker.registerActivitiesImplementations(activities);
        env.start();

        assertNull(client.newWorkflowStub(ScheduledRunWorkflow.class, options(worker, "2026-06-01T11:00:00Z"))
                .run(SCHEDULE));
        assertEquals(List.of("fire " + SCHEDULE + " 2026-06-01T11:00:00Z"), activities.calls);
    }

    private static WorkflowOptions options(Worker worker, String fireTime) {
        return WorkflowOptions.newBuilder()
                .setTaskQueue(worker.getTaskQueue())
                .setTypedSearchAttributes(SearchAttributes.newBuilder()
                        .set(ScheduledRunWorkflowImpl.SCHEDULED_START_TIME, OffsetDateTime.parse(fireTime))
                        .build())
                .build();
    }
}
