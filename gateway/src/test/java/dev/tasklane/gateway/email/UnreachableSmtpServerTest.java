package dev.tasklane.gateway.email;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tasklane.activities.progress.FailedAttempts;
import dev.tasklane.gateway.support.Api;
import dev.tasklane.gateway.support.ApiWithReceiverTest;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    private String unreachable() {
        return "the SMTP server 127.0.0.1:" + closedPort + " could not be reached: Connection refused";
    }

    private String submit(int maxAttempts, double initialIntervalSeconds) {
        Api.Response submitted = api.post("/api/tasks", """
                {"type":"email-notification","retry":{"maxAttempts":%d,"initialIntervalSeconds":%s},
                 "payload":{"to":["ops@customer.test"],"template":"plain","variables":{"subject":"s","text":"t"}}}"""
                .formatted(maxAttempts, initialIntervalSeconds));
        assertEquals(202, submitted.status(), submitted.text());
        return submitted.field("id");
    }

    @Test
    void everyRetryAndTheFinalErrorNameTheRefusedConnection() {
        Logger attempts = (Logger) LoggerFactory.getLogger(FailedAttempts.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        attempts.addAppender(logged);
        String id;
        JsonNode failed;
        try {
            id = submit(3, 0.2);
            failed = api.awaitStatus(id, "FAILED").json();
        } finally {
            attempts.detachAppender(logged);
        }

        assertEquals(unreachable(), failed.get("error").get("message").getStringValue());
        assertEquals(List.of("attempt 1 failed: " + unreachable(), "attempt 2 failed: " + unreachable()),
                retryingMessages(id));
        List<ILoggingEvent> warnings = logged.list.stream()
                .filter(event -> event.getFormattedMessage().startsWith("task " + id + ":")).toList();
        assertEquals(3, warnings.size(), logged.list.toString());
        for (ILoggingEvent warning : warnings) {
            assertEquals(Level.WARN, warning.getLevel());
            assertTrue(warning.getFormattedMessage().endsWith(unreachable()), warning.getFormattedMessage());
            assertNull(warning.getThrowableProxy(), "one line, no stack trace");
        }
    }

    @Test
    void aTaskWaitingForItsNextAttemptShowsWhyTheLastOneFailed() {
        String id = submit(2, 60);

        JsonNode retrying = api.awaitStatus(id, "RETRYING").json();

        assertEquals("attempt 1 failed: " + unreachable(), retrying.get("progress").get("message").getStringValue());
        api.post("/api/tasks/" + id + "/cancel", "");
        api.awaitStatus(id, "CANCELLED");
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
