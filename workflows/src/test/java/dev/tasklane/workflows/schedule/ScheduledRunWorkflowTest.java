package dev.tasklane.workflows.schedule;

import io.temporal.activity.Activity;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.ActivityCompletionException;
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

    /** Records what a run asks; its task waits until it is released or the wait is cancelled. */
    static final class RecordingScheduleActivities implements ScheduleActivities {

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
        public void awaitEnd(String task) {
            calls.add("await " + task);
            waiting.countDown();
            try {
                while (!taskEnded.await(100, TimeUnit.MILLISECONDS)) {
                    Activity.getExecutionContext().heartbeat(null);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ActivityCompletionException cancelled) {
                calls.add("wait cancelled");
                throw cancelled;
            }
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
        assertEquals(List.of("fire " + SCHEDULE + " 2026-06-01T09:00:00Z", "await task-1"), activities.calls);
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
