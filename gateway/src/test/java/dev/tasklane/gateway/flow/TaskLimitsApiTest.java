package dev.tasklane.gateway.flow;

import dev.tasklane.activities.testing.WebhookReceiver.Reply;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.Await;
import dev.tasklane.gateway.support.Tokens;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Limits on tasks running at once, from a submission and from the operator's settings: a task over one waits, WAITING
 * with the reason, and starts when room is freed; tasks of other keys and other tenants are not held back.
 */
@MicronautTest(transactional = false)
@Property(name = "tasklane.limits.orders.task-types", value = "webhook-delivery")
@Property(name = "tasklane.limits.orders.key", value = "payload.body")
@Property(name = "tasklane.limits.orders.concurrency", value = "1")
class TaskLimitsApiTest extends ApiWithReceiverTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private String submit(Api as, String path, String extra) {
        Api.Response submitted = as.post("/api/tasks", """
                {"type":"webhook-delivery","payload":{"url":"%s"}%s}""".formatted(receiver.url(path), extra));
        assertEquals(202, submitted.status(), submitted.text());
        return submitted.field("id");
    }

    private static String limitOfOne(String key) {
        return ",\"limits\":[{\"key\":\"" + key + "\",\"concurrency\":1}]";
    }

    private JsonNode awaitWaiting(String id) {
        return Await.until("task " + id + " waiting", PATIENCE, () -> api.get("/api/tasks/" + id).json(),
                task -> task.get("status").getStringValue().equals("WAITING"));
    }

    private List<String> events(String id) {
        List<String> types = new ArrayList<>();
        for (JsonNode event : api.get("/api/tasks/" + id + "/logs").json().get("events").values()) {
            types.add(event.get("event").getStringValue());
        }
        return types;
    }

    @Test
    void aSubmissionsLimitOfOneRunsItsTasksOneAtATimeWhileOtherKeysAndTenantsRunFreely() throws Exception {
        receiver.otherwise(Reply.heldUntilReleased(200));
        String first = submit(api, "/first", limitOfOne("customer-42"));
        assertNotNull(receiver.awaitRequest(PATIENCE), "the first delivery runs");
        String second = submit(api, "/second", limitOfOne("customer-42"));

        JsonNode waiting = awaitWaiting(second);
        assertEquals("waiting for room: submission:tenant=default,customer-42: 1 of 1 running",
                waiting.get("progress").get("message").getStringValue());
        submit(api, "/other-key", limitOfOne("customer-7"));
        submit(api.as(Tokens.of("olga", "other-tenant", "USER")), "/other-tenant", limitOfOne("customer-42"));
        Await.until("the other key's and the other tenant's deliveries", PATIENCE, receiver::count, n -> n == 3);
        assertEquals("WAITING", api.get("/api/tasks/" + second).field("status"));

        receiver.release();
        api.awaitStatus(first, "COMPLETED");
        api.awaitStatus(second, "COMPLETED");
        assertEquals(List.of("task_waiting", "task_started", "task_completed"),
                events(second).stream().filter(type -> !type.equals("progress_update")).toList());
    }

    @Test
    void aConfiguredLimitKeyedByAPayloadFieldHoldsForTheTasksThatHaveIt() throws Exception {
        receiver.otherwise(Reply.heldUntilReleased(200));
        String order = ",\"payload\":{\"url\":\"%s\",\"body\":\"{\\\"order\\\":1}\"}";
        String first = api.post("/api/tasks", """
                {"type":"webhook-delivery"%s}""".formatted(order.formatted(receiver.url("/order-1")))).field("id");
        assertNotNull(receiver.awaitRequest(PATIENCE));
        String second = api.post("/api/tasks", """
                {"type":"webhook-delivery"%s}""".formatted(order.formatted(receiver.url("/order-1-again"))))
                .field("id");

        JsonNode waiting = awaitWaiting(second);
        assertEquals("waiting for room: orders:payload.body={\"order\":1}: 1 of 1 running",
                waiting.get("progress").get("message").getStringValue());
        submit(api, "/no-body", "");
        Await.until("the delivery without a body, which the limit passes over", PATIENCE, receiver::count,
                n -> n == 2);

        receiver.release();
        api.awaitStatus(first, "COMPLETED");
        api.awaitStatus(second, "COMPLETED");
        assertEquals(0, api.get("/api/queue/status").json().get("waiting").getLongValue());
    }

    @Test
    void theChildrenOfABatchWaitForTheirLimitsWhileTheBatchItselfHoldsNoRoom() throws Exception {
        receiver.otherwise(Reply.heldUntilReleased(200));
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            items.add("""
                    {"type":"webhook-delivery","payload":{"url":"%s"}%s}""".formatted(receiver.url("/child-" + i),
                    limitOfOne("batch-key")));
        }
        Api.Response submitted = api.post("/api/tasks/batch", """
                {"items":[%s],"concurrency":3}""".formatted(String.join(",", items)));
        assertEquals(202, submitted.status(), submitted.text());
        String batch = submitted.json().get("batch").get("id").getStringValue();

        assertNotNull(receiver.awaitRequest(PATIENCE));
        Await.until("two children waiting", PATIENCE, () -> api.get("/api/tasks?status=WAITING").json().get("items")
                .size(), waiting -> waiting == 2);
        assertEquals(1, receiver.count());
        receiver.release();
        api.awaitStatus(batch, "COMPLETED");
        assertEquals(3, receiver.count());
    }

    @Test
    void limitsThatCannotHoldAreRefusedNamingEachField() {
        Api.Response refused = api.post("/api/tasks", """
                {"type":"webhook-delivery","payload":{"url":"%s"},"limits":[
                  {"key":" ","concurrency":0,"rate":1000000},
                  {"key":"a"},
                  {"key":"b","concurrency":2,"periodSeconds":30},
                  {"concurrency":1},
                  {"key":"d","concurrency":99999999999}]}""".formatted(receiver.url("/never")));

        assertEquals(400, refused.status(), refused.text());
        String problem = refused.text();
        for (String field : List.of("limits[0].key", "limits[0].concurrency", "limits[0].rate", "limits[1]",
                "limits[2].periodSeconds", "limits[3].key", "limits[4].concurrency")) {
            assertTrue(problem.contains("\"" + field + "\""), field + " in " + problem);
        }
        assertEquals(0, receiver.count());
    }

    @Test
    void moreThanFiveLimitsAreRefused() {
        StringBuilder limits = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            limits.append(i == 0 ? "" : ",").append("{\"key\":\"k").append(i).append("\",\"concurrency\":1}");
        }
        Api.Response refused = api.post("/api/tasks", """
                {"type":"webhook-delivery","payload":{"url":"%s"},"limits":[%s]}"""
                .formatted(receiver.url("/never"), limits));

        assertEquals(400, refused.status(), refused.text());
        assertTrue(refused.text().contains("at most 5"), refused.text());
    }
}
