package dev.tasklane.workflows.sync.external;

import dev.tasklane.workflows.lifecycle.Cancellation;
import dev.tasklane.workflows.lifecycle.RecordingLifecycle;
import dev.tasklane.workflows.lifecycle.RetrySettings;
import dev.tasklane.workflows.lifecycle.TaskSettings;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import dev.tasklane.workflows.outbound.OutboundFailures;
import dev.tasklane.workflows.webhook.WebhookDeliveryRequest;
import dev.tasklane.workflows.webhook.WebhookDeliveryResult;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExternalSyncWorkflowTest {

    private static final TaskSettings THREE_ATTEMPTS = new TaskSettings(new RetrySettings(3, 1, 2, 10), null);

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(ExternalSyncWorkflowImpl.class)
            .setWorkerOptions(Cancellation.PROMPT_HEARTBEATS)
            .setDoNotStart(true)
            .build();

    private final RecordingLifecycle lifecycle = new RecordingLifecycle();
    private final List<String> deliveryIds = new CopyOnWriteArrayList<>();
    private final List<Map<?, ?>> bodies = new CopyOnWriteArrayList<>();

    private static ExternalSyncRequest fiveRecordsInTwos() {
        return new ExternalSyncRequest("http://127.0.0.1:9/hook", "contractors.updated",
                List.of("a", "b", "c", "d", "e"), null, 2, null, null, null);
    }

    private WebhookDeliveryResult accept(WebhookDeliveryRequest request, String deliveryId) {
        deliveryIds.add(deliveryId);
        bodies.add((Map<?, ?>) request.body());
        return new WebhookDeliveryResult(deliveryId, 200, 1, 3, false);
    }

    @Test
    void theRecordsGoOutInPartsOfTheBatchSizeEachWithItsOwnDeliveryId(TestWorkflowEnvironment env, Worker worker,
                                                                      ExternalSyncWorkflow workflow) {
        worker.registerActivitiesImplementations(lifecycle,
                (ExternalSyncActivities) (request, deliveryId, retry, progress) -> accept(request, deliveryId));
        env.start();

        ExternalSyncResult result = workflow.push(fiveRecordsInTwos(), THREE_ATTEMPTS);

        assertEquals(3, result.requests());
        assertEquals(5, result.records());
        String taskId = deliveryIds.get(0).substring(0, deliveryIds.get(0).indexOf('#'));
        assertEquals(List.of(taskId + "#1", taskId + "#2", taskId + "#3"), deliveryIds);
        assertEquals(List.of(List.of("a", "b"), List.of("c", "d"), List.of("e")),
                bodies.stream().map(body -> body.get("records")).toList());
        assertEquals(List.of(3, 3, 3), bodies.stream().map(body -> body.get("parts")).toList());
        assertEquals(List.of(TaskStatus.RUNNING, TaskStatus.COMPLETED), lifecycle.statuses());
    }

    @Test
    void aPartTheReceiverRejectsForGoodStopsThePushWithoutRetrying(TestWorkflowEnvironment env, Worker worker,
                                                                   ExternalSyncWorkflow workflow) {
        worker.registerActivitiesImplementations(lifecycle,
                (ExternalSyncActivities) (request, deliveryId, retry, progress) -> {
                    if (deliveryId.endsWith("#2")) {
                        deliveryIds.add(deliveryId);
                        throw ApplicationFailure.newFailure("receiver answered 422",
                                OutboundFailures.PERMANENT_REJECTION);
                    }
                    return accept(request, deliveryId);
                });
        env.start();

        assertThrows(WorkflowFailedException.class, () -> workflow.push(fiveRecordsInTwos(), THREE_ATTEMPTS));

        assertEquals(2, deliveryIds.size(), "part 1 once, part 2 once, part 3 never: " + deliveryIds);
        assertEquals(TaskStatus.FAILED, lifecycle.events.get(1).status());
    }

    @Test
    void aCancelledPushAnswersThePartsItDelivered(TestWorkflowEnvironment env, Worker worker,
                                                  ExternalSyncWorkflow workflow) throws Exception {
        CountDownLatch secondPart = new CountDownLatch(1);
        worker.registerActivitiesImplementations(lifecycle,
                (ExternalSyncActivities) (request, deliveryId, retry, progress) -> deliveryId.endsWith("#1")
                        ? accept(request, deliveryId) : Cancellation.heartbeatUntilCancelled(secondPart));
        env.start();
        WorkflowClient.start(workflow::push, fiveRecordsInTwos(), THREE_ATTEMPTS);

        Cancellation.cancelOnceStarted(workflow, secondPart);

        assertEquals(List.of(TaskStatus.RUNNING, TaskStatus.CANCELLED), lifecycle.statuses());
        Map<?, ?> recorded = (Map<?, ?>) lifecycle.events.get(1).result();
        assertEquals(1, recorded.get("requests"));
        assertEquals(2, recorded.get("records"));
        assertTrue((Boolean) recorded.get("cancelled"));
    }
}
