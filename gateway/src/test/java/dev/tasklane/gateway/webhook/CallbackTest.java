package dev.tasklane.gateway.webhook;

import dev.tasklane.activities.outbound.WebhookSigner;
import dev.tasklane.activities.testing.WebhookReceiver;
import dev.tasklane.activities.testing.WebhookReceiver.Reply;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.Await;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A submission's callbackUrl gets the task's final state when it ends, signed and retried like a webhook. */
@MicronautTest
class CallbackTest extends ApiWithReceiverTest {

    @Test
    void aCompletedTaskPostsItsFinalStateSignedAndRetriedUntilTaken() throws Exception {
        receiver.replyTo("/callback", Reply.status(503));
        String id = api.post("/api/tasks", """
                {"type":"webhook-delivery","payload":{"url":"%s"},"callbackUrl":"%s","callbackSecret":"cb-s3cret"}"""
                .formatted(receiver.url("/work"), receiver.url("/callback"))).field("id");
        api.awaitStatus(id, "COMPLETED");
        Await.until("two refused callbacks", Duration.ofSeconds(20), () -> callbacks().size(), n -> n >= 2);
        receiver.replyTo("/callback", Reply.status(200));

        List<WebhookReceiver.Received> calls = Await.until("the callback to be taken", Duration.ofSeconds(30),
                this::callbacks, received -> received.size() >= 3);

        WebhookReceiver.Received taken = calls.get(calls.size() - 1);
        JsonNode state = json.readValue(taken.bodyText(), JsonNode.class);
        assertEquals(id, state.get("id").getStringValue());
        assertEquals("COMPLETED", state.get("status").getStringValue());
        assertEquals(200, state.get("result").get("statusCode").getIntValue());
        assertEquals(id + "#callback", taken.header("Tasklane-Delivery-Id"));
        assertEquals(Integer.toString(calls.size()), taken.header("Tasklane-Attempt"));
        String timestamp = taken.header("Tasklane-Timestamp");
        assertEquals(WebhookSigner.sign("cb-s3cret", Long.parseLong(timestamp), taken.body()),
                taken.header("Tasklane-Signature"));
        assertEquals("COMPLETED", api.get("/api/tasks/" + id).field("status"), "the task's own end stands");
    }

    @Test
    void aFailedTaskCallsBackWithItsError() throws Exception {
        receiver.replyTo("/refuses", Reply.status(400));
        String id = api.post("/api/tasks", """
                {"type":"webhook-delivery","payload":{"url":"%s"},"callbackUrl":"%s"}"""
                .formatted(receiver.url("/refuses"), receiver.url("/failed-callback"))).field("id");
        api.awaitStatus(id, "FAILED");

        WebhookReceiver.Received call = Await.until("the callback", Duration.ofSeconds(20),
                () -> receiver.requests().stream().filter(r -> r.path().equals("/failed-callback")).findFirst(),
                found -> found.isPresent()).orElseThrow();

        JsonNode state = json.readValue(call.bodyText(), JsonNode.class);
        assertEquals("FAILED", state.get("status").getStringValue());
        assertEquals("PermanentRejection", state.get("error").get("type").getStringValue());
        assertTrue(call.header("Tasklane-Signature") == null, "no secret, no signature");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not http             | "callbackUrl":"ftp://127.0.0.1/x"             | callbackUrl
            metadata address     | "callbackUrl":"http://169.254.169.254/latest" | callbackUrl
            not a URL            | "callbackUrl":"http://exa mple/"              | callbackUrl
            of the wrong kind    | "callbackUrl":7                               | callbackUrl
            secret without url   | "callbackSecret":"s"                          | callbackSecret
            blank secret         | "callbackUrl":"http://127.0.0.1:1/cb","callbackSecret":" " | callbackSecret
            """)
    void aFaultyCallbackIsRefusedNamingTheField(String name, String fields, String field) {
        Api.Response refused = api.post("/api/tasks", "{\"type\":\"webhook-delivery\",\"payload\":{\"url\":\""
                + receiver.url("/x") + "\"}," + fields + "}");
        assertEquals(400, refused.status(), name + ": " + refused.text());
        assertTrue(refused.text().contains("\"field\":\"" + field + "\""), name + ": " + refused.text());
    }

    private List<WebhookReceiver.Received> callbacks() {
        return receiver.requests().stream().filter(request -> request.path().equals("/callback")).toList();
    }
}
