package dev.tasklane.gateway.flow;

import dev.tasklane.activities.testing.WebhookReceiver.Reply;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.Await;
import dev.tasklane.gateway.support.Tokens;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A task queue holds at most so many tasks waiting to start, over every tenant; tasks for later do not count. */
@MicronautTest(transactional = false)
@Property(name = "tasklane.quota.max-queued-tasks-per-queue", value = "2")
class QueueCapTest extends ApiWithReceiverTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String LIMITED = ",\"limits\":[{\"key\":\"cap\",\"concurrency\":1}]";

    private Api.Response submit(Api as, String path, String extra) {
        return as.post("/api/tasks", """
                {"type":"webhook-delivery","payload":{"url":"%s"}%s}""".formatted(receiver.url(path), extra));
    }

    @Test
    void aFullQueueRefusesEveryTenantWithRetryAfterButTakesTasksForLater() throws Exception {
        receiver.otherwise(Reply.heldUntilReleased(200));
        List<String> ids = new ArrayList<>();
        ids.add(submit(api, "/running", LIMITED).field("id"));
        assertNotNull(receiver.awaitRequest(PATIENCE));
        ids.add(submit(api, "/waiting-1", LIMITED).field("id"));
        ids.add(submit(api, "/waiting-2", LIMITED).field("id"));
        Await.until("two waiting", PATIENCE, () -> api.get("/api/tasks?status=WAITING").json().get("items").size(),
                waiting -> waiting == 2);

        Api.Response full = submit(api.as(Tokens.of("oli", "other-tenant", "USER")), "/other", "");

        assertEquals(429, full.status(), full.text());
        assertEquals("5", full.header("Retry-After"));
        assertTrue(full.text().contains("task queue tasklane"), full.text());
        Api.Response later = submit(api, "/later", ",\"runAt\":\"" + Instant.now().plus(Duration.ofHours(1)) + "\"");
        assertEquals(202, later.status(), later.text());
        receiver.release();
        ids.forEach(id -> api.awaitStatus(id, "COMPLETED"));
        api.post("/api/tasks/" + later.field("id") + "/cancel", "");
    }
}
