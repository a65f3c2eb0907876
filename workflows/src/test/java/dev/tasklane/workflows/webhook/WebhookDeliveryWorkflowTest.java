package dev.tasklane.workflows.webhook;

import dev.tasklane.workflows.lifecycle.LifecycleEvent;
import dev.tasklane.workflows.lifecycle.RecordingLifecycle;
import dev.tasklane.workflows.lifecycle.RetrySettings;
import dev.tasklane.workflows.lifecycle.TaskLimit;
import dev.tasklane.workflows.lifecycle.TaskProgress;
import dev.tasklane.workflows.lifecycle.TaskRun;
import dev.tasklane.workflows.lifecycle.TaskSettings;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import dev.tasklane.workflows.outbound.OutboundFailures;
import io.temporal.api.sdk.v1.WorkflowMetadata;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowQueryException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookDeliveryWorkflowTest {

    private static final WebhookDeliveryRequest REQUEST =
            new WebhookDeliveryRequest("http://127.0.0.1:9/hook", null, null, "{}", null, null);
    private static final RetrySettings FIVE_ATTEMPTS = new RetrySettings(5, 30, 2.0, 600);

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(WebhookDeliveryWorkflowImpl.class)
            .setDoNotStart(true)
            .build();

    private final RecordingLifecycle lifecycle = new RecordingLifecycle();

    @BeforeEach
    void resetLifecycle() {
        lifecycle.events.clear();
        lifecycle.open = true;
    }

    @Test
    void aDeliveryThatFailsFourTimesSucceedsOnTheFifthAttemptAfterItsBackoff(TestWorkflowEnvironment env, Worker worker,
                                                                              WebhookDeliveryWorkflow workflow) {
        AtomicInteger calls = new AtomicInteger();
        worker.registerActivitiesImplementations(lifecycle, (WebhookDeliveryActivities) (request, retry) -> {
            int attempt = calls.incrementAndGet();
            if (attempt < 5) {
                throw ApplicationFailure.newFailureWithCauseAndDelay("503 from receiver",
                        OutboundFailures.TRANSIENT_FAILURE, null, retry.backoffAfter(attempt));
            }
            return new WebhookDeliveryResult("d", 200, attempt, 12, false);
        });
        env.start();
        long startedAt = env.currentTimeMillis();

        WebhookDeliveryResult result = workflow.deliver(REQUEST, new TaskSettings(FIVE_ATTEMPTS, null));

        assertEquals(200, result.statusCode());
        assertEquals(5, calls.get());
        long waitedSeconds = (env.currentTimeMillis() - startedAt) / 1000;
        assertTrue(waitedSeconds >= 30 + 60 + 120 + 240, "backoff honoured, waited " + waitedSeconds + " s");
        assertEquals(List.of(TaskStatus.RUNNING, TaskStatus.COMPLETED), lifecycle.statuses());
    }

    @Test
    void aPermanentRejectionFailsTheTaskAfterOneAttemptAndRecordsWhy(TestWorkflowEnvironment env, Worker worker,
                                                                     WebhookDeliveryWorkflow workflow) {
        AtomicInteger calls = new AtomicInteger();
        worker.registerActivitiesImplementations(lifecycle, (WebhookDeliveryActivities) (request, retry) -> {
            calls.incrementAndGet();
            throw ApplicationFailure.newNonRetryableFailure("receiver answered 404",
                    OutboundFailures.PERMANENT_REJECTION);
        });
        env.start();

        WorkflowFailedException failure = assertThrows(WorkflowFailedException.class,
                () -> workflow.deliver(REQUEST, new TaskSettings(FIVE_ATTEMPTS, null)));

        assertEquals(1, calls.get());
        ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, failure.getCause());
        assertEquals(OutboundFailures.PERMANENT_REJECTION, cause.getType());
        LifecycleEvent failed = lifecycle.events.get(lifecycle.events.size() - 1);
        assertEquals(TaskStatus.FAILED, failed.status());
        assertEquals("receiver answered 404", failed.error().message());
        assertEquals(false, failed.error().retryable());
    }

    @Test
    void exhaustingEveryAttemptFailsTheTaskAsRetryable(TestWorkflowEnvironment env, Worker worker,
                                                      WebhookDeliveryWorkflow workflow) {
        AtomicInteger calls = new AtomicInteger();
        worker.registerActivitiesImplementations(lifecycle, (WebhookDeliveryActivities) (request, retry) -> {
            calls.incrementAndGet();
            throw ApplicationFailure.newFailure("connection refused", OutboundFailures.TRANSIENT_FAILURE);
        });
        env.start();

        assertThrows(WorkflowFailedException.class,
                () -> workflow.deliver(REQUEST, new TaskSettings(new RetrySettings(3, 1, 2, 10), null)));

        assertEquals(3, calls.get());
        LifecycleEvent failed = lifecycle.events.get(lifecycle.events.size() - 1);
        assertEquals(TaskStatus.FAILED, failed.status());
        assertEquals(true, failed.error().retryable());
    }

    @Test
    void cancellingDuringBackoffRecordsACancelledResultAndTemporalShowsItCanceled(TestWorkflowEnvironment env, Worker worker) throws Exception {
        CountDownLatch firstAttempt = new CountDownLatch(1);
        worker.registerActivitiesImplementations(lifecycle, (WebhookDeliveryActivities) (request, retry) -> {
            firstAttempt.countDown();
            throw ApplicationFailure.newFailureWithCauseAndDelay("503", OutboundFailures.TRANSIENT_FAILURE,
                    null, Duration.ofHours(1));
        });
        env.start();
        WorkflowClient client = env.getWorkflowClient();
        WebhookDeliveryWorkflow workflow = client.newWorkflowStub(WebhookDeliveryWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(worker.getTaskQueue()).setWorkflowId("webhook-delivery-c").build());
        WorkflowClient.start(workflow::deliver, REQUEST, new TaskSettings(FIVE_ATTEMPTS, null));
        assertTrue(firstAttempt.await(10, TimeUnit.SECONDS));

        WorkflowStub stub = WorkflowStub.fromTyped(workflow);
        stub.cancel();
        WorkflowFailedException failure = assertThrows(WorkflowFailedException.class,
                () -> stub.getResult(WebhookDeliveryResult.class));

        assertInstanceOf(CanceledFailure.class, failure.getCause());
        assertEquals(List.of(TaskStatus.RUNNING, TaskStatus.CANCELLED), lifecycle.statuses());
        Map<?, ?> recorded = (Map<?, ?>) lifecycle.events.get(1).result();
        assertEquals(true, recorded.get("cancelled"));
        assertEquals("webhook-delivery-c", recorded.get("deliveryId"));
    }

    @Test
    void aTaskStillRetryingAtItsTimeoutEndsTimedOut(TestWorkflowEnvironment env, Worker worker,
                                                    WebhookDeliveryWorkflow workflow) {
        worker.registerActivitiesImplementations(lifecycle, (WebhookDeliveryActivities) (request, retry) -> {
            throw ApplicationFailure.newFailureWithCauseAndDelay("503", OutboundFailures.TRANSIENT_FAILURE,
                    null, Duration.ofMinutes(10));
        });
        env.start();

        WorkflowFailedException failure = assertThrows(WorkflowFailedException.class,
                () -> workflow.deliver(REQUEST, new TaskSettings(FIVE_ATTEMPTS, 120L)));

        assertEquals(TaskRun.TIMED_OUT, ((ApplicationFailure) failure.getCause()).getType());
        LifecycleEvent last = lifecycle.events.get(lifecycle.events.size() - 1);
        assertEquals(TaskStatus.TIMED_OUT, last.status());
        assertNull(last.result());
    }

    @Test
    void aTaskWaitingForIntakeSaysSoInItsCurrentDetailsAndRunsWhenItResumes(TestWorkflowEnvironment env, Worker worker)
            throws Exception {
        lifecycle.open = false;
        worker.registerActivitiesImplementations(lifecycle, (WebhookDeliveryActivities) (request, retry) ->
                new WebhookDeliveryResult("d", 204, 1, 3, false));
        env.start();
        WebhookDeliveryWorkflow workflow = env.getWorkflowClient().newWorkflowStub(WebhookDeliveryWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(worker.getTaskQueue()).setWorkflowId("webhook-delivery-q").build());
        WorkflowClient.start(workflow::deliver, REQUEST, new TaskSettings(FIVE_ATTEMPTS, null));
        WorkflowStub stub = WorkflowStub.fromTyped(workflow);

        String waiting = awaitCurrentDetails(stub, details -> details.contains("Intake is paused"));
        assertEquals("**QUEUED** · step `deliver`\n\nIntake is paused: the task starts when it resumes.", waiting);
        lifecycle.open = true;
        stub.signal(TaskRun.INTAKE_RESUMED);
        stub.getResult(WebhookDeliveryResult.class);

        assertEquals("**COMPLETED**\n\nProgress: 100 %\n\ncompleted\n\nDone: deliver", currentDetails(stub));
    }

    @Test
    void aDeliveryOverItsLimitWaitsVisiblyUntilTheHolderEndsAndSignalsItsFreedSlot(TestWorkflowEnvironment env,
                                                                                  Worker worker) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        worker.registerActivitiesImplementations(lifecycle, (WebhookDeliveryActivities) (request, retry) -> {
            if (request.url().endsWith("/first")) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new WebhookDeliveryResult("d", 204, 1, 3, false);
        });
        env.start();
        TaskSettings oneAtATime = new TaskSettings(FIVE_ATTEMPTS, null, null,
                List.of(new TaskLimit("per-host:destination-host=127.0.0.1", 1, null, null)));
        WorkflowStub first = startDelivery(env, worker, "webhook-delivery-first", "/first", oneAtATime);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> lifecycle.statuses().contains(TaskStatus.RUNNING));
        WorkflowStub second = startDelivery(env, worker, "webhook-delivery-second", "/second", oneAtATime);

        String waiting = awaitCurrentDetails(second, details -> details.startsWith("**WAITING**"));
        assertTrue(waiting.contains("Waiting for room: per-host:destination-host=127.0.0.1: 1 running"), waiting);
        release.countDown();
        first.getResult(WebhookDeliveryResult.class);
        second.getResult(WebhookDeliveryResult.class);

        assertEquals(List.of("webhook-delivery-first:RUNNING", "webhook-delivery-second:WAITING",
                "webhook-delivery-first:COMPLETED", "webhook-delivery-second:RUNNING",
                "webhook-delivery-second:COMPLETED"), lifecycle.events.stream()
                .map(event -> event.taskId() + ":" + event.status()).toList());
    }

    private static WorkflowStub startDelivery(TestWorkflowEnvironment env, Worker worker, String id, String path,
                                              TaskSettings settings) {
        WebhookDeliveryWorkflow workflow = env.getWorkflowClient().newWorkflowStub(WebhookDeliveryWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(worker.getTaskQueue()).setWorkflowId(id).build());
        WorkflowClient.start(workflow::deliver, new WebhookDeliveryRequest("http://127.0.0.1:9" + path, null, null,
                "{}", null, null), settings);
        return WorkflowStub.fromTyped(workflow);
    }

    private static String awaitCurrentDetails(WorkflowStub stub, Predicate<String> done) {
        // the query needs the worker: until it answers, it throws
        return Awaitility.await("the current details").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(25))
                .ignoreException(WorkflowQueryException.class)
                .until(() -> currentDetails(stub), done::test);
    }

    private static String currentDetails(WorkflowStub stub) {
        return stub.query("__temporal_workflow_metadata", WorkflowMetadata.class).getCurrentDetails();
    }

    @Test
    void theProgressQueryShowsTheFinishedStep(TestWorkflowEnvironment env, Worker worker,
                                              WebhookDeliveryWorkflow workflow) {
        worker.registerActivitiesImplementations(lifecycle, (WebhookDeliveryActivities) (request, retry) ->
                new WebhookDeliveryResult("d", 204, 1, 3, false));
        env.start();

        workflow.deliver(REQUEST, new TaskSettings(null, null));
        TaskProgress progress = workflow.progress();

        assertEquals(100.0, progress.percent());
        assertEquals(List.of("deliver"), progress.stepsCompleted());
        assertEquals(TaskStatus.COMPLETED, lifecycle.events.get(1).status());
    }
}
