package dev.tasklane.gateway.flow;

import dev.tasklane.activities.testing.WebhookReceiver.Reply;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.Await;
import dev.tasklane.gateway.support.Tokens;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A task that has not started moves to another priority: in Temporal, in the catalog, in the Web UI's search
 * attribute and in the line for room under a limit; a retry by hand runs a level higher; a tenant's queue is capped.
 */
@MicronautTest(transactional = false)
@Property(name = "tasklane.priority.retry-boost", value = "1")
@Property(name = "tasklane.quota.max-queued-tasks", value = "6")
class PriorityChangeTest extends ApiWithReceiverTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    WorkflowClient client;

    private String submit(Api as, String path, String extra) {
        Api.Response submitted = as.post("/api/tasks", """
                {"type":"webhook-delivery","payload":{"url":"%s"}%s}""".formatted(receiver.url(path), extra));
        assertEquals(202, submitted.status(), submitted.text());
        return submitted.field("id");
    }

    private Api.Response change(Api as, String id, String priority) {
        return as.post("/api/tasks/" + id + "/priority", "{\"priority\":\"" + priority + "\"}");
    }

    private WorkflowExecutionInfo described(String id) {
        return client.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder().setNamespace(client.getOptions().getNamespace())
                        .setExecution(WorkflowExecution.newBuilder().setWorkflowId(id)).build())
                .getWorkflowExecutionInfo();
    }

    private static String inAnHour() {
        return ",\"runAt\":\"" + Instant.now().plus(Duration.ofHours(1)) + "\"";
    }

    @Test
    void aScheduledTaskMovesToAnotherPriorityInTemporalAndTheCatalog() {
        String id = submit(api, "/later", inAnHour());

        Api.Response changed = change(api, id, "high");

        assertEquals(200, changed.status(), changed.text());
        assertEquals("HIGH", changed.field("priority"));
        assertEquals("HIGH", api.get("/api/tasks/" + id).field("priority"));
        assertEquals(2, described(id).getPriority().getPriorityKey());
        assertEquals(1, api.get("/api/tasks?priority=HIGH&status=SCHEDULED").json().get("items").size());
        api.post("/api/tasks/" + id + "/cancel", "");
    }

    @Test
    void aWaitingTaskMovedUpTakesTheFreedSlotBeforeOneThatWaitedLongerAndShowsItsLevelInTheWebUi()
            throws Exception {
        receiver.otherwise(Reply.heldUntilReleased(200));
        String limit = ",\"limits\":[{\"key\":\"line\",\"concurrency\":1}]";
        String holder = submit(api, "/holder", limit);
        assertNotNull(receiver.awaitRequest(PATIENCE));
        String earlier = submit(api, "/earlier", limit);
        String later = submit(api, "/later", limit);
        for (String waiting : List.of(earlier, later)) {
            Await.until(waiting + " waiting", PATIENCE, () -> api.get("/api/tasks/" + waiting).field("status"),
                    "WAITING"::equals);
        }

        assertEquals(200, change(api, later, "CRITICAL").status());
        Await.until("the Web UI's priority of " + later, PATIENCE, () -> described(later).getSearchAttributes()
                .getIndexedFieldsMap().get("TasklanePriority").getData().toStringUtf8(), data -> data.contains("CRITICAL"));
        receiver.release();

        for (String id : List.of(holder, earlier, later)) {
            api.awaitStatus(id, "COMPLETED");
        }
        List<String> paths = receiver.requests().stream().map(request -> request.path()).toList();
        assertEquals(List.of("/holder", "/later", "/earlier"), paths);
    }

    @Test
    void aTaskThatStartedKeepsItsPriorityAndBadInputIsNamed() {
        String done = submit(api, "/done", "");
        api.awaitStatus(done, "COMPLETED");

        Api.Response started = change(api, done, "HIGH");
        assertEquals(409, started.status(), started.text());
        assertTrue(started.text().contains("only a task that has not started"), started.text());
        Api.Response unknown = change(api, done, "SUPREME");
        assertEquals(400, unknown.status());
        assertTrue(unknown.text().contains("\"priority\""), unknown.text());
        Api.Response missing = api.post("/api/tasks/" + done + "/priority", "{}");
        assertEquals(400, missing.status());
        assertTrue(missing.text().contains("\"priority\""), missing.text());
    }

    @Test
    void anotherUsersTaskIsNotThereToChangeForAUser() {
        String id = submit(api.as(Tokens.of("ann", Tokens.TENANT, "USER")), "/ann", inAnHour());

        assertEquals(404, change(api.as(Tokens.of("bob", Tokens.TENANT, "USER")), id, "HIGH").status());
        assertEquals(404, change(api.as(Tokens.of("eve", "elsewhere", "ADMIN")), id, "HIGH").status());
        assertEquals(200, change(api.as(Tokens.of("max", Tokens.TENANT, "MANAGER")), id, "LOW").status());
        api.post("/api/tasks/" + id + "/cancel", "");
    }

    @Test
    void aTaskRetriedByHandRunsALevelAboveTheOneItRetries() {
        String id = submit(api, "/boost", inAnHour() + ",\"priority\":\"LOW\"");
        api.post("/api/tasks/" + id + "/cancel", "");
        api.awaitStatus(id, "CANCELLED");

        Api.Response again = api.post("/api/tasks/" + id + "/retry", "");

        assertEquals(202, again.status(), again.text());
        assertEquals("NORMAL", again.field("priority"));
        api.awaitStatus(again.field("id"), "COMPLETED");
    }

    @Test
    void aTenantWhoseQueueIsFullIsToldWhenToSubmitAgain() throws Exception {
        receiver.otherwise(Reply.heldUntilReleased(200));
        Api full = api.as(Tokens.of("fay", "full-queue", "USER"));
        String limit = ",\"limits\":[{\"key\":\"one\",\"concurrency\":1}]";
        List<String> ids = new java.util.ArrayList<>();
        ids.add(submit(full, "/running", limit));
        assertNotNull(receiver.awaitRequest(PATIENCE), "the first runs, so it no longer counts as queued");
        for (int i = 0; i < 6; i++) {
            ids.add(submit(full, "/queued-" + i, limit));
        }
        Await.until("six waiting", PATIENCE, () -> full.get("/api/tasks?status=WAITING").json().get("items").size(),
                waiting -> waiting == 6);

        Api.Response refused = full.post("/api/tasks", """
                {"type":"webhook-delivery","payload":{"url":"%s"}}""".formatted(receiver.url("/one-too-many")));

        assertEquals(429, refused.status(), refused.text());
        assertEquals("5", refused.header("Retry-After"));
        assertEquals(202, full.post("/api/tasks", """
                {"type":"webhook-delivery","payload":{"url":"%s"}%s}""".formatted(receiver.url("/later"), inAnHour()))
                .status(), "a task for later is not queued");
        receiver.release();
        ids.forEach(id -> full.awaitStatus(id, "COMPLETED"));
    }
}
