package dev.tasklane.gateway.security;

import dev.tasklane.activities.secrets.SecretBox;
import dev.tasklane.activities.testing.WebhookReceiver.Received;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.SseReader;
import dev.tasklane.store.task.TaskRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A webhook's signing secret and credential headers reach the receiver and appear nowhere else in clear. */
@MicronautTest
class SecretRedactionTest extends ApiWithReceiverTest {

    private static final String SECRET = "whsec-do-not-leak-4711";
    private static final String CREDENTIAL = "Bearer token-do-not-leak-0815";

    @Inject
    WorkflowClient client;
    @Inject
    TaskRepository tasks;

    private String body(String secret) {
        return """
                {"type":"webhook-delivery","idempotencyKey":"signed-once","payload":{"url":"%s","secret":"%s",
                 "headers":{"authorization":"%s","Accept-Language":"visible-language"},"body":{"order":1}}}"""
                .formatted(receiver.url("/signed"), secret, CREDENTIAL);
    }

    @Test
    void secretsAreSealedInStoreHistoryAndEventsAndRedactedInViews() throws Exception {
        Api.Response submitted = api.post("/api/tasks", body(SECRET));
        assertEquals(202, submitted.status(), submitted.text());
        String id = submitted.field("id");
        Api.Response done = api.awaitStatus(id, "COMPLETED");

        Received received = receiver.requests().get(0);
        assertEquals(CREDENTIAL, received.header("Authorization"));
        assertTrue(received.header("Tasklane-Signature").startsWith("v1="));
        assertEquals(SecretBox.REDACTED, done.json().get("payload").get("secret").getStringValue());
        assertEquals(SecretBox.REDACTED, done.json().get("payload").get("headers").get("authorization").getStringValue());
        assertEquals("visible-language",
                done.json().get("payload").get("headers").get("Accept-Language").getStringValue());

        String events;
        try (SseReader stream = api.stream("/api/tasks/" + id + "/events", null)) {
            events = stream.untilEnd(Duration.ofSeconds(10)).stream().map(SseReader.SseEvent::data)
                    .collect(Collectors.joining("\n"));
        }
        String history = client.fetchHistory(id).getEvents().stream().map(HistoryEvent::toString)
                .collect(Collectors.joining("\n"));
        String stored = tasks.findById(id).orElseThrow().inputJson();
        for (String seen : List.of(submitted.text(), done.text(), api.get("/api/tasks").text(),
                api.get("/api/tasks/" + id + "/logs").text(), events, history, stored)) {
            assertFalse(seen.contains(SECRET), seen);
            assertFalse(seen.contains("token-do-not-leak"), seen);
        }
        assertTrue(history.contains(SecretBox.PREFIX), "the history carries the sealed values");
        assertTrue(stored.contains(SecretBox.PREFIX), stored);
    }

    @Test
    void aRepeatedSubmissionWithTheSameSecretIsTheSameRequestAndAnotherSecretIsAConflict() {
        String id = api.post("/api/tasks", body(SECRET).replace("signed-once", "signed-twice")).field("id");

        Api.Response same = api.post("/api/tasks", body(SECRET).replace("signed-once", "signed-twice"));
        Api.Response other = api.post("/api/tasks", body("another-secret").replace("signed-once", "signed-twice"));

        assertEquals(200, same.status(), same.text());
        assertEquals(id, same.field("id"));
        assertEquals(409, other.status(), other.text());
    }

    @Test
    void theTaskTypeListingMarksCredentialFieldsAndTheHeadersKeptInClear() {
        Api.Response types = api.get("/api/task-types");

        assertTrue(types.text().contains("\"name\":\"secret\""), types.text());
        assertTrue(types.text().contains("\"sensitive\":true"), types.text());
        assertTrue(types.text().contains("\"plainKeys\":[\"Accept\""), types.text());
        assertTrue(types.text().contains("\"Content-Type\""), types.text());
    }
}
