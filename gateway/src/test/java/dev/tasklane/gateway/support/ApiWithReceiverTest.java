package dev.tasklane.gateway.support;

import dev.tasklane.activities.testing.WebhookReceiver;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Base of API tests: a client for the running gateway and a fresh webhook receiver on 127.0.0.1 per test. */
public abstract class ApiWithReceiverTest {

    @Inject
    protected EmbeddedServer server;
    @Inject
    protected JsonMapper json;

    protected Api api;
    protected WebhookReceiver receiver;

    @BeforeEach
    void startReceiver() {
        api = new Api(server, json);
        receiver = WebhookReceiver.start("127.0.0.1");
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    /** Submits a webhook delivery to {@code path} on the receiver, acting as {@code as}; the task's id. */
    protected String submitDelivery(Api as, String path) {
        return as.post("/api/tasks", """
                {"type":"webhook-delivery","payload":{"url":"%s"}}""".formatted(receiver.url(path))).field("id");
    }
}
