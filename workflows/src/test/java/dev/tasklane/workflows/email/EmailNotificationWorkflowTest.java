package dev.tasklane.workflows.email;

import dev.tasklane.workflows.lifecycle.RecordingLifecycle;
import dev.tasklane.workflows.lifecycle.RetrySettings;
import dev.tasklane.workflows.lifecycle.TaskSettings;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EmailNotificationWorkflowTest {

    private static final EmailNotificationRequest WELCOME = new EmailNotificationRequest(
            List.of("ann@tenant.test"), null, "welcome", Map.of("name", "Ann"));
    private static final TaskSettings FOUR_ATTEMPTS = new TaskSettings(new RetrySettings(4, 1, 2, 10), null);

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(EmailNotificationWorkflowImpl.class)
            .setDoNotStart(true)
            .build();

    private final RecordingLifecycle lifecycle = new RecordingLifecycle();

    @Test
    void aServerThatAsksToTryLaterIsTriedAgainUntilItTakesTheMessage(TestWorkflowEnvironment env, Worker worker,
                                                                    EmailNotificationWorkflow workflow) {
        AtomicInteger attempts = new AtomicInteger();
        worker.registerActivitiesImplementations(lifecycle, (EmailNotificationActivities) request -> {
            int attempt = attempts.incrementAndGet();
            if (attempt < 3) {
                throw ApplicationFailure.newFailure("451 try again later", "SmtpBusy");
            }
            return new EmailNotificationResult("<t@tasklane>", request.to(), "Welcome, Ann", attempt);
        });
        env.start();

        EmailNotificationResult result = workflow.send(WELCOME, FOUR_ATTEMPTS);

        assertEquals(3, result.attempt());
        assertEquals(List.of("ann@tenant.test"), result.recipients());
        assertEquals(List.of(TaskStatus.RUNNING, TaskStatus.COMPLETED), lifecycle.statuses());
    }

    @Test
    void aRefusalIsNotRetriedEvenWhenTheActivityLeftItRetryable(TestWorkflowEnvironment env, Worker worker,
                                                      EmailNotificationWorkflow workflow) {
        AtomicInteger attempts = new AtomicInteger();
        worker.registerActivitiesImplementations(lifecycle, (EmailNotificationActivities) request -> {
            attempts.incrementAndGet();
            throw ApplicationFailure.newFailure("550 no such mailbox", EmailNotificationActivities.REFUSED);
        });
        env.start();

        WorkflowFailedException failure = assertThrows(WorkflowFailedException.class,
                () -> workflow.send(WELCOME, FOUR_ATTEMPTS));

        assertEquals(1, attempts.get());
        ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, failure.getCause());
        assertEquals("550 no such mailbox", cause.getOriginalMessage());
        assertEquals(TaskStatus.FAILED, lifecycle.events.get(1).status());
        assertEquals(EmailNotificationActivities.REFUSED, lifecycle.events.get(1).error().type());
    }
}
