package dev.tasklane.gateway.email;

import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** An email-notification task whose SMTP server is not there says why at every retry and at its end. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnreachableSmtpServerTest extends ApiWithReceiverTest implements TestPropertyProvider {

    private final int closedPort = reservedAndClosedPort();

    private static int reservedAndClosedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of("tasklane.email.host", "127.0.0.1", "tasklane.email.port", Integer.toString(closedPort));
    }

    @Test
    void everyRetryAndTheFinalErrorNameTheRefusedConnection() {
        Api.Response submitted = api.post("/api/tasks", """
                {"type":"email-notification","retry":{"maxAttempts":3,"initialIntervalSeconds":0.2},
                 "payload":{"to":["ops@customer.test"],"template":"plain","variables":{"subject":"s","text":"t"}}}""");
        assertEquals(202, submitted.status(), submitted.text());

        JsonNode failed = api.awaitStatus(submitted.field("id"), "FAILED").json();

        String unreachable = "the SMTP server 127.0.0.1:" + closedPort + " could not be reached: Connection refused";
        assertEquals(unreachable, failed.get("error").get("message").getStringValue());
        assertEquals(List.of("attempt 1 failed: " + unreachable, "attempt 2 failed: " + unreachable),
                retryingMessages(submitted.field("id")));
    }

    private List<String> retryingMessages(String id) {
        JsonNode events = api.get("/api/tasks/" + id + "/logs").json().get("events");
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).get("event").getStringValue().equals("task_retrying")) {
                messages.add(events.get(i).get("message").getStringValue());
            }
        }
        return messages;
    }
}
