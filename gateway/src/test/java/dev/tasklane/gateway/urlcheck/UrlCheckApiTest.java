package dev.tasklane.gateway.urlcheck;

import dev.tasklane.activities.testing.WebhookReceiver.Reply;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The url-check type, the README recipe's example, submitted over REST and run against a real local server. */
@MicronautTest
class UrlCheckApiTest extends ApiWithReceiverTest {

    /** Submits a url-check with {@code submission}'s payload and options. */
    private Api.Response check(String submission) {
        return api.post("/api/tasks", "{\"type\":\"url-check\"," + submission.strip().substring(1));
    }

    @Test
    void aUrlThatAnswersAfterAnOutageCompletesWithItsStatus() {
        receiver.replyInOrder(Reply.status(503), Reply.status(204));

        Api.Response accepted = check("""
                {"payload":{"url":"%s"},"retry":{"initialIntervalSeconds":0.1}}""".formatted(receiver.url("/health")));

        assertEquals(202, accepted.status(), accepted.text());
        Api.Response done = api.awaitStatus(accepted.field("id"), "COMPLETED");
        assertEquals(204, done.json().get("result").get("statusCode").getIntValue());
        assertEquals(2, done.json().get("result").get("attempts").getIntValue());
        assertEquals(2, receiver.count());
        assertEquals("GET", receiver.requests().get(0).method());
    }

    @Test
    void aUrlThatAnswersNotFoundFailsWithoutRetrying() {
        receiver.otherwise(Reply.status(404));

        String id = check("""
                {"payload":{"url":"%s"}}""".formatted(receiver.url("/gone"))).field("id");

        Api.Response failed = api.awaitStatus(id, "FAILED");
        assertTrue(failed.json().get("error").get("message").getStringValue().contains("404"), failed.text());
        assertEquals(1, receiver.count());
    }

    @Test
    void aCheckWithoutAnAttemptCountTakesTheTypesThree() {
        receiver.otherwise(Reply.status(503));

        String id = check("""
                {"payload":{"url":"%s"},"retry":{"initialIntervalSeconds":0.1}}""".formatted(receiver.url("/down")))
                .field("id");

        api.awaitStatus(id, "FAILED");
        assertEquals(3, receiver.count());
    }

    @Test
    void aTimeoutOutOfRangeIsRefusedNamingTheField() {
        Api.Response refused = check("""
                {"payload":{"url":"%s","timeoutSeconds":600}}""".formatted(receiver.url("/health")));

        assertEquals(400, refused.status());
        assertEquals("application/problem+json", refused.contentType());
        assertTrue(refused.text().contains("payload.timeoutSeconds"), refused.text());
    }
}
