package dev.tasklane.gateway.flow;

import dev.tasklane.activities.testing.WebhookReceiver.Reply;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.Await;
import dev.tasklane.gateway.support.Tokens;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Signals, queries and updates over REST: the progress query every task answers, a document that awaits a MANAGER's
 * approval and goes on or stops by their review, and the answers when the message, the role, the state or the worker
 * is missing. URL checks run on a queue no worker here serves.
 */
@MicronautTest(transactional = false)
@Property(name = "tasklane.temporal.routes", value = "url-check=unserved")
@Property(name = "tasklane.worker.queues", value = "tasklane")
class TaskMessagesApiTest extends ApiWithReceiverTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    WorkflowClient client;
    private static final String MANAGER = Tokens.of("mia", Tokens.TENANT, "MANAGER");

    private static final String OWNER = Tokens.of("ulf", Tokens.TENANT, "USER");

    private String reviewedDocument(String text) {
        Api.Response submitted = api.as(OWNER).post("/api/documents", """
                {"text":"%s","review":"required","reviewHours":2}""".formatted(text));
        assertEquals(202, submitted.status(), submitted.text());
        String task = submitted.json().get("task").get("id").getStringValue();
        Await.until("the document awaiting approval", PATIENCE, () -> api.get("/api/tasks/" + task).field("status"),
                "AWAITING_APPROVAL"::equals);
        return task;
    }

    private List<String> events(String id) {
        List<String> names = new ArrayList<>();
        for (JsonNode event : api.get("/api/tasks/" + id + "/logs").json().get("events").values()) {
            names.add(event.get("event").getStringValue() + (event.get("message").isNull() ? ""
                    : ": " + event.get("message").getStringValue()));
        }
        return names;
    }

    @Test
    void aRunningTaskAnswersItsProgressQueryAndNamesTheQueriesItTakes() throws Exception {
        receiver.otherwise(Reply.heldUntilReleased(200));
        String id = submitDelivery(api, "/held");
        assertNotNull(receiver.awaitRequest(PATIENCE));

        Api.Response progress = api.get("/api/tasks/" + id + "/queries/progress");
        assertEquals(200, progress.status(), progress.text());
        assertEquals(id, progress.field("taskId"));
        assertEquals("deliver", progress.json().get("result").get("step").getStringValue());
        Api.Response unknown = api.get("/api/tasks/" + id + "/queries/secrets");
        assertEquals(404, unknown.status());
        assertTrue(unknown.text().contains("take no query 'secrets'; they take progress"), unknown.text());
        assertEquals(404, api.post("/api/tasks/" + id + "/signals/stop", "{}").status());
        Api.Response running = api.as(MANAGER).post("/api/tasks/" + id + "/signals/ask-again", "");
        assertEquals(409, running.status(), "a running task asks for nothing: " + running.text());

        receiver.release();
        api.awaitStatus(id, "COMPLETED");
        Api.Response ended = api.get("/api/tasks/" + id + "/queries/progress");
        assertEquals(409, ended.status(), ended.text());
    }

    @Test
    void aDocumentForReviewAwaitsAManagersApprovalThenGoesOn() {
        JsonNode review = typeListed("document-pipeline").get("messages").get(2);
        assertEquals("update", review.get("kind").getStringValue());
        assertEquals("/api/tasks/{id}/updates/review", review.get("path").getStringValue());
        assertEquals("MANAGER", review.get("requiredRole").getStringValue());
        String task = reviewedDocument("Board minutes. The budget for next year was approved by the board.");

        Api.Response byOwner = api.as(OWNER).post("/api/tasks/" + task + "/updates/review",
                "{\"decision\":\"approve\"}");
        assertEquals(403, byOwner.status(), byOwner.text());
        assertTrue(byOwner.text().contains("needs role MANAGER"), byOwner.text());
        Api.Response unclear = api.as(MANAGER).post("/api/tasks/" + task + "/updates/review",
                "{\"decision\":\"maybe\",\"extra\":1}");
        assertEquals(400, unclear.status(), unclear.text());
        assertTrue(unclear.text().contains("\"extra\""), unclear.text());
        Api.Response maybe = api.as(MANAGER).post("/api/tasks/" + task + "/updates/review", "{\"decision\":\"maybe\"}");
        assertEquals(400, maybe.status(), maybe.text());
        assertTrue(maybe.text().contains("\"decision\""), maybe.text());

        Api.Response approved = api.as(MANAGER).post("/api/tasks/" + task + "/updates/review",
                "{\"decision\":\"approve\",\"note\":\"accurate\"}");

        assertEquals(200, approved.status(), approved.text());
        assertEquals("mia", approved.json().get("result").get("reviewer").getStringValue());
        api.awaitStatus(task, "COMPLETED");
        List<String> log = events(task);
        assertTrue(log.stream().anyMatch(event -> event.startsWith("task_awaiting_approval: awaiting approval")), log
                .toString());
        assertTrue(log.contains("progress_update: approved by mia: accurate"), log.toString());
        Api.Response again = api.as(MANAGER).post("/api/tasks/" + task + "/updates/review", "{\"decision\":\"reject\"}");
        assertEquals(409, again.status(), again.text());
    }

    @Test
    void aRejectedDocumentStopsCancelledSayingWhoAndWhy() {
        String task = reviewedDocument("Draft contract. The parties agree to terms to be settled later on.");

        Api.Response rejected = api.as(MANAGER).post("/api/tasks/" + task + "/updates/review",
                "{\"decision\":\"reject\",\"note\":\"not final\"}");

        assertEquals(200, rejected.status(), rejected.text());
        api.awaitStatus(task, "CANCELLED");
        assertTrue(events(task).contains("task_cancelled: rejected by mia: not final"), events(task).toString());
    }

    @Test
    void aManagerTellsATaskWaitingForRoomToAskAgainAndItsWorkflowGetsTheSignal() throws Exception {
        receiver.otherwise(Reply.heldUntilReleased(200));
        String limit = ",\"limits\":[{\"key\":\"signalled\",\"concurrency\":1}]";
        String holder = api.post("/api/tasks", """
                {"type":"webhook-delivery","payload":{"url":"%s"}%s}""".formatted(receiver.url("/holder"), limit))
                .field("id");
        assertNotNull(receiver.awaitRequest(PATIENCE));
        String waiting = api.post("/api/tasks", """
                {"type":"webhook-delivery","payload":{"url":"%s"}%s}""".formatted(receiver.url("/waiting"), limit))
                .field("id");
        Await.until("the second task waiting", PATIENCE, () -> api.get("/api/tasks/" + waiting).field("status"),
                "WAITING"::equals);

        Api.Response byUser = api.as(OWNER).post("/api/tasks/" + waiting + "/signals/ask-again", "");
        assertEquals(404, byUser.status(), "another user's task: " + byUser.text());
        Api.Response withBody = api.as(MANAGER).post("/api/tasks/" + waiting + "/signals/ask-again", "{\"now\":1}");
        assertEquals(400, withBody.status(), withBody.text());
        Api.Response sent = api.as(MANAGER).post("/api/tasks/" + waiting + "/signals/ask-again", "");

        assertEquals(202, sent.status(), sent.text());
        assertEquals("ask-again", sent.field("name"));
        Await.until("the signal in the workflow's history", PATIENCE, () -> client.fetchHistory(waiting).getEvents()
                .stream().filter(HistoryEvent::hasWorkflowExecutionSignaledEventAttributes)
                .map(event -> event.getWorkflowExecutionSignaledEventAttributes().getSignalName()).toList(),
                names -> names.contains("ask-again"));
        assertEquals("WAITING", api.get("/api/tasks/" + waiting).field("status"), "the room is still taken");
        receiver.release();
        api.awaitStatus(holder, "COMPLETED");
        api.awaitStatus(waiting, "COMPLETED");
    }

    @Test
    void aQueryNoWorkerAnswersIsA503WithinSeconds() {
        Api.Response check = api.post("/api/tasks", """
                {"type":"url-check","payload":{"url":"%s"}}""".formatted(receiver.url("/never-checked")));
        assertEquals(202, check.status(), check.text());

        long started = System.nanoTime();
        Api.Response unanswered = api.get("/api/tasks/" + check.field("id") + "/queries/progress");

        assertEquals(503, unanswered.status(), unanswered.text());
        assertTrue(unanswered.text().contains("no-worker-answered") || unanswered.text().contains("No worker"),
                unanswered.text());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(10)) < 0);
        assertEquals("unserved", typeListed("url-check").get("taskQueue").getStringValue());
        api.post("/api/tasks/" + check.field("id") + "/cancel", "");
    }

    private JsonNode typeListed(String type) {
        for (JsonNode listed : api.get("/api/task-types").json().values()) {
            if (listed.get("name").getStringValue().equals(type)) {
                return listed;
            }
        }
        throw new AssertionError("no task type " + type + " listed");
    }
}
