package dev.tasklane.gateway.tasks;

import dev.tasklane.activities.testing.WebhookReceiver;
import dev.tasklane.activities.testing.WebhookReceiver.Reply;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.Await;
import dev.tasklane.gateway.support.Tokens;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With one activity slot busy, a backlog is worked off in priority order, not in submission order, and a tenant's few
 * tasks are not queued behind another tenant's flood.
 */
@MicronautTest
@Property(name = "tasklane.worker.max-concurrent-activities", value = "1")
class PriorityOrderTest {

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    WorkflowClient client;

    @Test
    void aBacklogRunsHighestPriorityFirst() throws Exception {
        Api api = new Api(server, json);
        try (WebhookReceiver receiver = WebhookReceiver.start("127.0.0.1")) {
            receiver.replyInOrder(Reply.heldUntilReleased(200)).otherwise(Reply.status(200));
            submit(api, receiver, "blocker", "NORMAL");
            assertNotNull(receiver.awaitRequest(Duration.ofSeconds(10)));
            List<String> priorities = List.of("LOW", "BACKGROUND", "NORMAL", "CRITICAL", "HIGH");
            for (String priority : priorities) {
                awaitPendingActivity(submit(api, receiver, priority, priority));
            }

            receiver.release();

            Await.until("every delivery", Duration.ofSeconds(30), () -> receiver.requests().size(), n -> n == 6);
            List<String> order = receiver.requests().stream().skip(1).map(r -> r.path().substring(1)).toList();
            assertEquals(List.of("CRITICAL", "HIGH", "NORMAL", "LOW", "BACKGROUND"), order);
        }
    }

    @Test
    void aTenantsFewTasksAreNotQueuedBehindAnotherTenantsFlood() throws Exception {
        Api flood = new Api(server, json).as(Tokens.of("flooder", "flood", "USER"));
        Api small = new Api(server, json).as(Tokens.of("sender", "small", "USER"));
        try (WebhookReceiver receiver = WebhookReceiver.start("127.0.0.1")) {
            receiver.replyInOrder(Reply.heldUntilReleased(200)).otherwise(Reply.status(200));
            submit(flood, receiver, "blocker", "NORMAL");
            assertNotNull(receiver.awaitRequest(Duration.ofSeconds(10)));
            for (int i = 0; i < 30; i++) {
                awaitPendingActivity(submit(flood, receiver, "flood", "NORMAL"));
            }
            for (int i = 0; i < 3; i++) {
                awaitPendingActivity(submit(small, receiver, "small", "NORMAL"));
            }

            receiver.release();

            Await.until("every delivery", Duration.ofSeconds(30), () -> receiver.requests().size(), n -> n == 34);
            List<String> order = receiver.requests().stream().skip(1).map(r -> r.path().substring(1)).toList();
            // taking turns by tenant, the small tenant's three are through by the sixth delivery, not the 33rd
            assertTrue(order.lastIndexOf("small") < 10, "deliveries in order: " + order);
        }
    }

    private static String submit(Api api, WebhookReceiver receiver, String path, String priority) {
        return api.post("/api/tasks", """
                {"type":"webhook-delivery","payload":{"url":"%s"},"priority":"%s"}"""
                .formatted(receiver.url("/" + path), priority)).field("id");
    }

    /** Waits until the task's delivery activity is scheduled, that is, in the backlog. */
    private void awaitPendingActivity(String taskId) {
        Await.until("an activity of " + taskId + " in the backlog", Duration.ofSeconds(10),
                () -> client.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(
                        DescribeWorkflowExecutionRequest.newBuilder()
                                .setNamespace(client.getOptions().getNamespace())
                                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(taskId))
                                .build()).getPendingActivitiesCount(),
                count -> count > 0);
    }
}
