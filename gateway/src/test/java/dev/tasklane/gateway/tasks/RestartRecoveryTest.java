package dev.tasklane.gateway.tasks;

import dev.tasklane.activities.testing.WebhookReceiver;
import dev.tasklane.activities.testing.WebhookReceiver.Reply;
import dev.tasklane.gateway.support.Api;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The embedded server forgets workflows on restart; the catalog brings unfinished tasks back. */
class RestartRecoveryTest {

    @TempDir
    Path dataDir;

    @Test
    void aTaskUnfinishedWhenTheProcessStoppedFinishesAfterTheRestart() {
        try (WebhookReceiver receiver = WebhookReceiver.start("127.0.0.1")) {
            receiver.otherwise(Reply.status(503));
            Map<String, Object> properties = Map.of(
                    "datasources.default.url", "jdbc:h2:file:" + dataDir.resolve("store"),
                    // the store must outlive the restart, also where the suite starts each application on an empty one
                    "flyway.datasources.default.clean-schema", false,
                    "tasklane.temporal.embedded-port", 0,
                    "micronaut.server.port", -1,
                    "tasklane.webhook.allowed-hosts", "127.0.0.1");
            String id;
            try (EmbeddedServer first = ApplicationContext.run(EmbeddedServer.class, properties, "test")) {
                Api api = new Api(first, first.getApplicationContext().getBean(JsonMapper.class));
                id = api.post("/api/tasks", """
                        {"type":"webhook-delivery","payload":{"url":"%s"},"retry":{"initialIntervalSeconds":3600}}"""
                        .formatted(receiver.url("/later"))).field("id");
                api.awaitStatus(id, "RETRYING");
            }
            receiver.otherwise(Reply.status(200));

            try (EmbeddedServer second = ApplicationContext.run(EmbeddedServer.class, properties, "test")) {
                Api api = new Api(second, second.getApplicationContext().getBean(JsonMapper.class));
                api.awaitStatus(id, "COMPLETED");
            }

            assertEquals(2, receiver.requests().size());
            assertEquals(id, receiver.requests().get(1).header("Tasklane-Delivery-Id"));
        }
    }

}
