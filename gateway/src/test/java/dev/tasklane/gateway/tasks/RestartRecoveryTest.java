package dev.tasklane.gateway.tasks;

import dev.tasklane.activities.testing.WebhookReceiver;
import dev.tasklane.activities.testing.WebhookReceiver.Reply;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.RestartableApp;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Temporal's dev server keeps its state in the data directory: a task waiting for its retry when Tasklane stops retries after the restart, once. */
class RestartRecoveryTest {

    @TempDir
    Path dataDir;

    @Test
    void aTaskWaitingForItsRetryWhenTheProcessStoppedRetriesOnceAfterTheRestart() {
        try (WebhookReceiver receiver = WebhookReceiver.start("127.0.0.1")) {
            receiver.otherwise(Reply.status(503));
            Map<String, Object> properties = RestartableApp.properties(dataDir, Map.of());
            String id;
            try (EmbeddedServer first = ApplicationContext.run(EmbeddedServer.class, properties, "test")) {
                Api api = new Api(first, first.getApplicationContext().getBean(JsonMapper.class));
                id = api.post("/api/tasks", """
                        {"type":"webhook-delivery","payload":{"url":"%s"},"retry":{"initialIntervalSeconds":4}}"""
                        .formatted(receiver.url("/later"))).field("id");
                api.awaitStatus(id, "RETRYING");
            }
            receiver.otherwise(Reply.status(200));

            try (EmbeddedServer second = ApplicationContext.run(EmbeddedServer.class, properties, "test")) {
                Api api = new Api(second, second.getApplicationContext().getBean(JsonMapper.class));
                api.awaitStatus(id, "COMPLETED");
            }

            assertEquals(List.of("1", "2"), receiver.requests().stream().map(r -> r.header("Tasklane-Attempt")).toList());
            assertEquals(id, receiver.requests().get(1).header("Tasklane-Delivery-Id"));
        }
    }
}
