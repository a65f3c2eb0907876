package dev.tasklane.workflows.cleanup;

import dev.tasklane.workflows.lifecycle.Cancellation;
import dev.tasklane.workflows.lifecycle.RecordingLifecycle;
import dev.tasklane.workflows.lifecycle.RetrySettings;
import dev.tasklane.workflows.lifecycle.TaskSettings;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CleanupWorkflowTest {

    private static final TaskSettings THREE_ATTEMPTS = new TaskSettings(new RetrySettings(3, 1, 2, 10), null);

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(CleanupWorkflowImpl.class)
            .setWorkerOptions(Cancellation.PROMPT_HEARTBEATS)
            .setDoNotStart(true)
            .build();

    private final RecordingLifecycle lifecycle = new RecordingLifecycle();

    @Test
    void aCleanupAnswersWhatItsActivityRemovedAndEndsCompleted(TestWorkflowEnvironment env, Worker worker,
                                                               CleanupWorkflow workflow) {
        AtomicReference<CleanupRequest> asked = new AtomicReference<>();
        CleanupResult removed = new CleanupResult(5, Map.of("COMPLETED", 4L, "FAILED", 1L), 40, 1, false, false);
        worker.registerActivitiesImplementations(lifecycle, (CleanupActivities) request -> {
            asked.set(request);
            return removed;
        });
        env.start();

        CleanupResult result = workflow.clean(new CleanupRequest(24), THREE_ATTEMPTS);

        assertEquals(removed, result);
        assertEquals(24, asked.get().maxAgeHours());
        assertEquals(List.of(TaskStatus.RUNNING, TaskStatus.COMPLETED), lifecycle.statuses());
    }

    @Test
    void aFailedAttemptIsRetriedByTheTasksPolicyUntilItsLastAttempt(TestWorkflowEnvironment env, Worker worker,
                                                                   CleanupWorkflow workflow) {
        AtomicInteger attempts = new AtomicInteger();
        worker.registerActivitiesImplementations(lifecycle, (CleanupActivities) request -> {
            attempts.incrementAndGet();
            throw ApplicationFailure.newFailure("the store is busy", "StoreBusy");
        });
        env.start();

        assertThrows(WorkflowFailedException.class, () -> workflow.clean(new CleanupRequest(null), THREE_ATTEMPTS));

        assertEquals(3, attempts.get());
        assertEquals(List.of(TaskStatus.RUNNING, TaskStatus.FAILED), lifecycle.statuses());
    }

    @Test
    void aCancelledCleanupWaitsForItsActivityToStopAndEndsCancelled(TestWorkflowEnvironment env, Worker worker,
                                                                    CleanupWorkflow workflow) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        worker.registerActivitiesImplementations(lifecycle,
                (CleanupActivities) request -> Cancellation.heartbeatUntilCancelled(started));
        env.start();
        WorkflowClient.start(workflow::clean, new CleanupRequest(null), THREE_ATTEMPTS);

        WorkflowFailedException ended = Cancellation.cancelOnceStarted(workflow, started);

        assertInstanceOf(CanceledFailure.class, ended.getCause());
        assertEquals(List.of(TaskStatus.RUNNING, TaskStatus.CANCELLED), lifecycle.statuses());
        assertEquals(true, ((Map<?, ?>) lifecycle.events.get(1).result()).get("cancelled"));
    }
}
