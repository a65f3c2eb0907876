package dev.tasklane.gateway.batch;

import dev.tasklane.activities.testing.WebhookReceiver.Reply;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.Await;
import dev.tasklane.gateway.support.Tokens;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
class BatchApiTest extends ApiWithReceiverTest {

    @Inject
    WorkflowClient client;

    @Test
    void aBatchRunsItsChildrenAsTasksAndKeepsGoingPastAFailure() {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            items.add(delivery("/ok/" + i));
        }
        items.add(1, delivery("/refused"));
        receiver.replyTo("/refused", Reply.status(400));
        Api.Response submitted = api.post("/api/tasks/batch", """
                {"items":[%s],"concurrency":2}""".formatted(String.join(",", items)));

        assertEquals(202, submitted.status(), submitted.text());
        String batchId = submitted.json().get("batch").get("id").getStringValue();
        JsonNode outcomes = submitted.json().get("items");
        assertEquals(7, outcomes.size());
        String refusedChild = outcomes.get(1).get("taskId").getStringValue();

        JsonNode result = api.awaitStatus(batchId, "COMPLETED").json().get("result");
        assertEquals(7, result.get("total").getIntValue());
        assertEquals(6, result.get("successful").getIntValue());
        assertEquals(1, result.get("failed").getIntValue());
        assertEquals(refusedChild, result.get("errors").get(0).get("taskId").getStringValue());
        assertEquals("webhook-delivery", result.get("errors").get(0).get("type").getStringValue());
        assertEquals("FAILED", api.get("/api/tasks/" + refusedChild).field("status"));
        assertEquals("COMPLETED", api.get("/api/tasks/" + outcomes.get(0).get("taskId").getStringValue()).field("status"));
        assertEquals(100.0, api.get("/api/tasks/" + batchId).json().get("progress").get("percent").getNumberValue()
                .doubleValue());
    }

    @Test
    void withOnFailureStopTheFirstFailureCancelsTheChildrenNotYetRun() {
        receiver.replyTo("/refused", Reply.status(400));
        Api.Response submitted = api.post("/api/tasks/batch", """
                {"items":[%s,%s,%s,%s],"concurrency":1,"onFailure":"stop"}""".formatted(delivery("/refused"),
                delivery("/a"), delivery("/b"), delivery("/c")));

        String batchId = submitted.json().get("batch").get("id").getStringValue();
        JsonNode result = api.awaitStatus(batchId, "COMPLETED").json().get("result");
        assertEquals(1, result.get("failed").getIntValue());
        assertEquals(3, result.get("cancelled").getIntValue());
        assertEquals(true, result.get("stopped").getBooleanValue());
        String lastChild = submitted.json().get("items").get(3).get("taskId").getStringValue();
        assertEquals("CANCELLED", api.get("/api/tasks/" + lastChild).field("status"));
    }

    @Test
    void cancellingABatchCancelsItsRunningAndWaitingChildren() throws InterruptedException {
        receiver.otherwise(Reply.heldUntilReleased(200));
        Api.Response submitted = api.post("/api/tasks/batch", """
                {"items":[%s,%s,%s],"concurrency":2}""".formatted(delivery("/held/1"), delivery("/held/2"),
                delivery("/held/3")));
        String batchId = submitted.json().get("batch").get("id").getStringValue();
        receiver.awaitRequest(Duration.ofSeconds(10));
        receiver.awaitRequest(Duration.ofSeconds(10));

        assertEquals(202, api.post("/api/tasks/" + batchId + "/cancel", "").status());

        JsonNode items = submitted.json().get("items");
        api.awaitStatus(batchId, "CANCELLED");
        for (JsonNode item : items.values()) {
            String child = item.get("taskId").getStringValue();
            Await.until("child " + child + " to be cancelled", Duration.ofSeconds(30),
                    () -> api.get("/api/tasks/" + child).field("status"), "CANCELLED"::equals);
        }
        assertEquals(2, receiver.count(), "the waiting child never ran");
    }

    @Test
    void invalidItemsAreAnsweredWithTheirErrorsAndTheValidOnesRun() {
        Api.Response submitted = api.post("/api/tasks/batch", """
                {"items":[%s,{"type":"fax","payload":{}},{"type":"batch","payload":{}},
                 {"type":"webhook-delivery","payload":{"url":"%s"},"runAt":"2030-01-01T00:00:00Z"}]}"""
                .formatted(delivery("/fine"), receiver.url("/later")));

        assertEquals(202, submitted.status(), submitted.text());
        JsonNode items = submitted.json().get("items");
        assertTrue(items.get(0).get("taskId").isString());
        assertTrue(items.get(1).get("errors").get(0).get("field").getStringValue().startsWith("items[1]."),
                items.toString());
        assertEquals("items[2].type", items.get(2).get("errors").get(0).get("field").getStringValue());
        assertEquals("items[3].runAt", items.get(3).get("errors").get(0).get("field").getStringValue());
    }

    @Test
    void badBatchesAreRefusedWholeAndNothingIsStored() {
        int tasksBefore = api.get("/api/tasks?limit=500").json().get("items").size();
        assertField(api.post("/api/tasks/batch", "{}"), "items");
        assertField(api.post("/api/tasks/batch", "{\"items\":[]}"), "items");
        assertField(api.post("/api/tasks/batch", """
                {"items":[%s],"concurrency":0}""".formatted(delivery("/x"))), "concurrency");
        assertField(api.post("/api/tasks/batch", """
                {"items":[%s],"onFailure":"maybe"}""".formatted(delivery("/x"))), "onFailure");
        assertField(api.post("/api/tasks/batch", """
                {"items":[{"type":"fax","payload":{}}]}"""), "items[0].type");
        assertField(api.post("/api/tasks", """
                {"type":"batch","payload":{"items":[]}}"""), "type");
        assertField(api.post("/api/tasks/batch", """
                {"items":[%s],"concurrency":[2],"onFailure":{"then":"stop"}}""".formatted(delivery("/x"))),
                "concurrency");
        assertEquals(tasksBefore, api.get("/api/tasks?limit=500").json().get("items").size());
    }

    @Test
    void retryingACancelledBatchRunsEveryItemAgainAsANewTaskOfItsOwn() throws InterruptedException {
        receiver.otherwise(Reply.heldUntilReleased(200));
        Api.Response submitted = api.post("/api/tasks/batch", """
                {"items":[%s,%s]}""".formatted(delivery("/again/1"), delivery("/again/2")));
        String batchId = submitted.json().get("batch").get("id").getStringValue();
        List<String> firstChildren = new ArrayList<>();
        submitted.json().get("items").values().forEach(item -> firstChildren.add(item.get("taskId").getStringValue()));
        receiver.awaitRequest(Duration.ofSeconds(10));
        assertEquals(202, api.post("/api/tasks/" + batchId + "/cancel", "").status());
        api.awaitStatus(batchId, "CANCELLED");
        receiver.release();

        Api.Response retried = api.post("/api/tasks/" + batchId + "/retry", "");

        assertEquals(202, retried.status(), retried.text());
        assertEquals(batchId, retried.field("retryOf"));
        JsonNode result = api.awaitStatus(retried.field("id"), "COMPLETED").json().get("result");
        assertEquals(2, result.get("successful").getIntValue(), result.toString());
        List<String> newChildren = new ArrayList<>();
        result.get("taskIds").values().forEach(id -> newChildren.add(id.getStringValue()));
        assertEquals(2, newChildren.size());
        for (String child : newChildren) {
            assertFalse(firstChildren.contains(child), child + " is a new task, not a rerun under an old ID");
            assertEquals("COMPLETED", api.get("/api/tasks/" + child).field("status"), "its catalog row follows it");
        }
    }

    @Test
    void aBatchsChildrenCarryItsTenantAsTheFairnessKey() {
        Api acme = api.as(Tokens.of("ann", "fair-batch", "USER"));
        Api.Response submitted = acme.post("/api/tasks/batch", "{\"items\":[" + delivery("/fair") + "]}");
        acme.awaitStatus(submitted.json().get("batch").get("id").getStringValue(), "COMPLETED");
        String child = submitted.json().get("items").get(0).get("taskId").getStringValue();

        io.temporal.api.common.v1.Priority priority = client.fetchHistory(child).getEvents().get(0)
                .getWorkflowExecutionStartedEventAttributes().getPriority();

        assertEquals("fair-batch", priority.getFairnessKey());
    }

    private String delivery(String path) {
        return """
                {"type":"webhook-delivery","payload":{"url":"%s"},"retry":{"maxAttempts":1}}"""
                .formatted(receiver.url(path));
    }

    private static void assertField(Api.Response response, String field) {
        assertEquals(400, response.status(), response.text());
        assertTrue(response.text().contains("\"field\":\"" + field + "\""), "names " + field + ": " + response.text());
    }
}
