package dev.tasklane.workflows.analytics;

import dev.tasklane.workflows.lifecycle.Cancellation;
import dev.tasklane.workflows.lifecycle.RecordingLifecycle;
import dev.tasklane.workflows.lifecycle.RetrySettings;
import dev.tasklane.workflows.lifecycle.TaskSettings;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AnalyticsWorkflowTest {

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(AnalyticsWorkflowImpl.class)
            .setWorkerOptions(Cancellation.PROMPT_HEARTBEATS)
            .setDoNotStart(true)
            .build();

    private final RecordingLifecycle lifecycle = new RecordingLifecycle();

    @Test
    void anAggregationThatFailsOnceIsRetriedAndAnswersItsRows(TestWorkflowEnvironment env, Worker worker,
                                                             AnalyticsWorkflow workflow) {
        AtomicInteger attempts = new AtomicInteger();
        worker.registerActivitiesImplementations(lifecycle, (AnalyticsActivities) request -> {
            if (attempts.incrementAndGet() == 1) {
                throw ApplicationFailure.newFailure("deadlock, rolled back", "StoreBusy");
            }
            return new AnalyticsResult(request.daysOrDefault(), 120, 7, 168, false);
        });
        env.start();

        AnalyticsResult result = workflow.aggregate(new AnalyticsRequest(7),
                new TaskSettings(new RetrySettings(2, 1, 2, 10), null));

        assertEquals(new AnalyticsResult(7, 120, 7, 168, false), result);
        assertEquals(2, attempts.get());
        assertEquals(List.of(TaskStatus.RUNNING, TaskStatus.COMPLETED), lifecycle.statuses());
    }

    @Test
    void aCancelledAggregationEndsCancelledWithTheDaysItWasAskedFor(TestWorkflowEnvironment env, Worker worker,
                                                                    AnalyticsWorkflow workflow) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        worker.registerActivitiesImplementations(lifecycle,
                (AnalyticsActivities) request -> Cancellation.heartbeatUntilCancelled(started));
        env.start();
        WorkflowClient.start(workflow::aggregate, new AnalyticsRequest(null),
                new TaskSettings(RetrySettings.DEFAULT, null));

        Cancellation.cancelOnceStarted(workflow, started);

        assertEquals(List.of(TaskStatus.RUNNING, TaskStatus.CANCELLED), lifecycle.statuses());
        Map<?, ?> recorded = (Map<?, ?>) lifecycle.events.get(1).result();
        assertEquals(AnalyticsRequest.DEFAULT_DAYS, recorded.get("days"));
        assertEquals(0, recorded.get("tasks"));
    }
}
