package dev.tasklane.workflows.urlcheck;

import dev.tasklane.workflows.lifecycle.RecordingLifecycle;
import dev.tasklane.workflows.lifecycle.RetrySettings;
import dev.tasklane.workflows.lifecycle.TaskSettings;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import dev.tasklane.workflows.outbound.OutboundFailures;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UrlCheckWorkflowTest {

    private static final UrlCheckWorkflow.Request HEALTH = new UrlCheckWorkflow.Request("http://127.0.0.1:9/health",
            null);
    private static final TaskSettings FIVE_ATTEMPTS = new TaskSettings(new RetrySettings(5, 1, 2, 10), null);

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(UrlCheckWorkflowImpl.class)
            .setDoNotStart(true)
            .build();

    private final RecordingLifecycle lifecycle = new RecordingLifecycle();
    private final AtomicInteger attempts = new AtomicInteger();

    @Test
    void aCheckIsRetriedThroughAnOutageUntilTheUrlAnswers(TestWorkflowEnvironment env, Worker worker,
                                                         UrlCheckWorkflow workflow) {
        worker.registerActivitiesImplementations(lifecycle, (UrlCheckWorkflow.Activities) (request, retry) -> {
            int attempt = attempts.incrementAndGet();
            if (attempt < 3) {
                throw ApplicationFailure.newFailure("receiver answered 503", OutboundFailures.TRANSIENT_FAILURE);
            }
            return new UrlCheckWorkflow.Result(200, attempt, 8, false);
        });
        env.start();

        UrlCheckWorkflow.Result result = workflow.check(HEALTH, FIVE_ATTEMPTS);

        assertEquals(new UrlCheckWorkflow.Result(200, 3, 8, false), result);
        assertEquals(List.of(TaskStatus.RUNNING, TaskStatus.COMPLETED), lifecycle.statuses());
    }

    @Test
    void aForbiddenDestinationIsNotRetried(TestWorkflowEnvironment env, Worker worker, UrlCheckWorkflow workflow) {
        worker.registerActivitiesImplementations(lifecycle, (UrlCheckWorkflow.Activities) (request, retry) -> {
            attempts.incrementAndGet();
            throw ApplicationFailure.newFailure("10.0.0.0/8 is not allowed", OutboundFailures.FORBIDDEN_DESTINATION);
        });
        env.start();

        assertThrows(WorkflowFailedException.class, () -> workflow.check(HEALTH, FIVE_ATTEMPTS));

        assertEquals(1, attempts.get());
        assertEquals(OutboundFailures.FORBIDDEN_DESTINATION, lifecycle.events.get(1).error().type());
    }
}
