package dev.tasklane.gateway.tasks;

import dev.tasklane.activities.store.JsonColumns;
import dev.tasklane.activities.store.TaskRepository;
import dev.tasklane.activities.store.TaskRow;
import dev.tasklane.activities.testing.TaskRows;
import dev.tasklane.activities.testing.WebhookReceiver;
import dev.tasklane.gateway.support.Await;
import dev.tasklane.gateway.temporal.TemporalConnection;
import dev.tasklane.workflows.batch.BatchItem;
import dev.tasklane.workflows.batch.BatchRequest;
import dev.tasklane.workflows.lifecycle.TaskSettings;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.context.ApplicationContext;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.testserver.TestServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Unfinished catalog tasks are submitted again after a start only on the embedded server, which forgot them, and a
 * batch's children only through their batch.
 */
class CatalogRedriveTest {

    @Test
    void onTheEmbeddedServerABatchChildIsLeftToItsBatch() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start("127.0.0.1");
             ApplicationContext context = ApplicationContext.run(Map.of(
                     "datasources.default.url", "jdbc:h2:mem:redrive-batch-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                     "tasklane.temporal.embedded-port", 0,
                     "tasklane.temporal.redrive-on-start", false,
                     "micronaut.server.port", -1), "test")) {
            JsonColumns json = context.getBean(JsonColumns.class);
            TaskRepository tasks = context.getBean(TaskRepository.class);
            String childId = "webhook-delivery-" + UUID.randomUUID();
            String batchId = "batch-" + UUID.randomUUID();
            Map<String, Object> payload = Map.of("url", receiver.url("/child"));
            String input = json.write(new BatchRequest(List.of(new BatchItem(childId, "webhook-delivery",
                    "WebhookDeliveryWorkflow", payload, new TaskSettings(null, null), 3)), 1, null));
            tasks.save(beforeTheStart(TaskRows.queued(childId, "webhook-delivery"), "{}"));
            tasks.save(beforeTheStart(TaskRows.queued(batchId, "batch"), input));

            context.getBean(CatalogRedrive.class).redrive();

            receiver.awaitRequest(Duration.ofSeconds(30));
            boolean startedByBatch = Await.until("the batch to record its child's start", Duration.ofSeconds(30),
                    () -> context.getBean(WorkflowClient.class).fetchHistory(batchId).getHistory().getEventsList()
                            .stream().anyMatch(e -> e.hasChildWorkflowExecutionStartedEventAttributes()
                                    && e.getChildWorkflowExecutionStartedEventAttributes().getWorkflowExecution()
                                    .getWorkflowId().equals(childId)), started -> started);
            assertTrue(startedByBatch, "the child ran under its batch, not on its own");
            assertEquals(1, receiver.count());
        }
    }

    /** The task as a process that died left it: submitted an hour ago, with {@code input}. */
    private static TaskRow beforeTheStart(TaskRow task, String input) {
        return new TaskRow(task.id(), task.tenant(), task.owner(), task.type(), task.status(), task.priority(), input,
                task.settingsJson(), null, null, null, null, 0, null, null, task.createdAt().minusSeconds(3600), null,
                null, null, null);
    }

    @Test
    void againstAnExternalTemporalAStartSubmitsNothingAgain() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (TestServer.PortBoundTestServer external = TestServer.createPortBoundServer(port);
             ApplicationContext context = ApplicationContext.run(Map.of(
                     "datasources.default.url", "jdbc:h2:mem:redrive-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                     "tasklane.temporal.address", "127.0.0.1:" + port,
                     "micronaut.server.port", -1), "test")) {
            TemporalConnection temporal = context.getBean(TemporalConnection.class);
            assertFalse(temporal.isEmbedded());
            TaskRow unfinished = beforeTheStart(TaskRows.queued("webhook-delivery-" + UUID.randomUUID(),
                    "webhook-delivery"), "{}");
            context.getBean(TaskRepository.class).save(unfinished);

            context.getBean(CatalogRedrive.class).redrive();

            StatusRuntimeException notStarted = assertThrows(StatusRuntimeException.class, () -> temporal.stubs()
                    .blockingStub().describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
                            .setNamespace("default")
                            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(unfinished.id()))
                            .build()));
            assertEquals(Status.Code.NOT_FOUND, notStarted.getStatus().getCode());
        }
    }
}
