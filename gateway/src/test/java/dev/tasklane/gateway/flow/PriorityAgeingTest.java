package dev.tasklane.gateway.flow;

import dev.tasklane.activities.testing.WebhookReceiver.Reply;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.Await;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** A task ready to run that waits long enough moves up a level at a time, no higher than the configured level. */
@MicronautTest(transactional = false)
@Property(name = "tasklane.priority.ageing-after", value = "1s")
@Property(name = "tasklane.priority.ageing-check", value = "200ms")
@Property(name = "tasklane.priority.ageing-up-to", value = "HIGH")
class PriorityAgeingTest extends ApiWithReceiverTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void aWaitingBackgroundTaskAgesUpToHighAndNoFurther() throws Exception {
        receiver.otherwise(Reply.heldUntilReleased(200));
        String limit = ",\"limits\":[{\"key\":\"ageing\",\"concurrency\":1}]";
        String holder = api.post("/api/tasks", """
                {"type":"webhook-delivery","payload":{"url":"%s"}%s}""".formatted(receiver.url("/holder"), limit))
                .field("id");
        assertNotNull(receiver.awaitRequest(PATIENCE));
        String waiting = api.post("/api/tasks", """
                {"type":"webhook-delivery","payload":{"url":"%s"},"priority":"BACKGROUND"%s}"""
                .formatted(receiver.url("/waiting"), limit)).field("id");

        List<String> seen = new ArrayList<>();
        Await.until("the waiting task aged to HIGH", PATIENCE, () -> {
            String now = api.get("/api/tasks/" + waiting).field("priority");
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(now)) {
                seen.add(now);
            }
            return now;
        }, "HIGH"::equals);
        Thread.sleep(1500);

        assertEquals("HIGH", api.get("/api/tasks/" + waiting).field("priority"), "ageing stops at HIGH");
        assertEquals(List.of("BACKGROUND", "LOW", "NORMAL", "HIGH"), seen, "one level at a time");
        assertEquals("NORMAL", api.get("/api/tasks/" + holder).field("priority"), "a running task does not age");
        receiver.release();
        api.awaitStatus(waiting, "COMPLETED");
    }

    @Test
    void aTaskForLaterDoesNotAge() throws Exception {
        Api.Response later = api.post("/api/tasks", """
                {"type":"webhook-delivery","payload":{"url":"%s"},"priority":"LOW","runAt":"%s"}"""
                .formatted(receiver.url("/later"), Instant.now().plus(Duration.ofHours(1))));
        Thread.sleep(2500);

        assertEquals("LOW", api.get("/api/tasks/" + later.field("id")).field("priority"));
        api.post("/api/tasks/" + later.field("id") + "/cancel", "");
    }
}
