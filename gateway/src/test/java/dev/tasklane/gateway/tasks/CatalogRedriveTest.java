package dev.tasklane.gateway.tasks;

import dev.tasklane.activities.store.TaskRepository;
import dev.tasklane.activities.store.TaskRow;
import dev.tasklane.activities.testing.TaskRows;
import dev.tasklane.gateway.temporal.TemporalConnection;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.context.ApplicationContext;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.testserver.TestServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Unfinished catalog tasks are submitted again after a start only on the embedded server, which forgot them. */
class CatalogRedriveTest {

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
            TaskRow unfinished = TaskRows.queued("webhook-delivery-" + UUID.randomUUID(), "webhook-delivery");
            context.getBean(TaskRepository.class).save(unfinished);

            context.getBean(CatalogRedrive.class).onStartup(null);

            StatusRuntimeException notStarted = assertThrows(StatusRuntimeException.class, () -> temporal.stubs()
                    .blockingStub().describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
                            .setNamespace("default")
                            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(unfinished.id()))
                            .build()));
            assertEquals(Status.Code.NOT_FOUND, notStarted.getStatus().getCode());
        }
    }
}
