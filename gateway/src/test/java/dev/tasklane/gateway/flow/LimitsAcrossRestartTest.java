package dev.tasklane.gateway.flow;

import dev.tasklane.activities.testing.WebhookReceiver;
import dev.tasklane.activities.testing.WebhookReceiver.Reply;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.Await;
import dev.tasklane.gateway.support.RestartableApp;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The room under a limit is in the store and Temporal: a task waiting for it when Tasklane stops still waits after. */
class LimitsAcrossRestartTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String LIMITED = ",\"limits\":[{\"key\":\"restart\",\"concurrency\":1}]";

    @TempDir
    Path dataDir;

    @Test
    void aTaskWaitingForRoomWhenTheProcessStopsStillWaitsAfterTheRestartAndStartsWhenTheHolderEnds() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start("127.0.0.1")) {
            receiver.otherwise(Reply.heldUntilReleased(200));
            Map<String, Object> properties = RestartableApp.properties(dataDir, Map.of());
            String holder;
            String waiting;
            try (EmbeddedServer first = ApplicationContext.run(EmbeddedServer.class, properties, "test")) {
                Api api = new Api(first, first.getApplicationContext().getBean(JsonMapper.class));
                holder = api.post("/api/tasks", """
                        {"type":"webhook-delivery","payload":{"url":"%s","timeoutSeconds":2},
                         "retry":{"initialIntervalSeconds":1}%s}""".formatted(receiver.url("/holder"), LIMITED))
                        .field("id");
                assertNotNull(receiver.awaitRequest(PATIENCE));
                waiting = api.post("/api/tasks", """
                        {"type":"webhook-delivery","payload":{"url":"%s"}%s}""".formatted(receiver.url("/waiting"),
                        LIMITED)).field("id");
                Await.until("the second task waiting", PATIENCE, () -> api.get("/api/tasks/" + waiting)
                        .field("status"), "WAITING"::equals);
            }

            try (EmbeddedServer second = ApplicationContext.run(EmbeddedServer.class, properties, "test")) {
                Api api = new Api(second, second.getApplicationContext().getBean(JsonMapper.class));
                // the holder's cut-off attempt times out and is tried again, still holding the room
                Await.until("the holder's next attempt", PATIENCE, receiver::count, count -> count >= 2);
                assertEquals("WAITING", api.get("/api/tasks/" + waiting).field("status"));

                receiver.release();

                api.awaitStatus(holder, "COMPLETED");
                api.awaitStatus(waiting, "COMPLETED");
            }
        }
    }
}
