package dev.tasklane.gateway.events;

import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.Await;
import dev.tasklane.gateway.support.Tokens;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The WebSocket streams carry the SSE streams' event objects, authenticated and scoped to what the caller may see. */
@MicronautTest
class TaskEventSocketTest extends ApiWithReceiverTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** What a socket received and how it closed. */
    private static final class Received implements WebSocket.Listener {
        final List<String> messages = new CopyOnWriteArrayList<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
            closed.complete(status);
            return null;
        }
    }

    @Test
    void aTasksSocketReplaysAndFollowsItToItsEndThenCloses() throws Exception {
        String id = api.post("/api/tasks", """
                {"type":"webhook-delivery","payload":{"url":"%s"}}""".formatted(receiver.url("/ws"))).field("id");

        Received received = open("/ws/tasks/" + id, Tokens.admin());

        assertEquals(WebSocket.NORMAL_CLOSURE, received.closed.get(30, TimeUnit.SECONDS));
        JsonNode last = json.readValue(received.messages.get(received.messages.size() - 1), JsonNode.class);
        assertEquals("task_completed", last.get("event").getStringValue());
        assertEquals(id, last.get("taskId").getStringValue());
        JsonNode first = json.readValue(received.messages.get(0), JsonNode.class);
        assertEquals(api.get("/api/tasks/" + id + "/logs").json().get("events").get(0).get("id").getLongValue(),
                first.get("id").getLongValue(), "the same events as the log, from the first");
    }

    @Test
    void theTokenMayComeAsAQueryParameterAndTheAllTasksSocketResumes() throws Exception {
        String id = api.post("/api/tasks", """
                {"type":"webhook-delivery","payload":{"url":"%s"}}""".formatted(receiver.url("/ws2"))).field("id");
        api.awaitStatus(id, "COMPLETED");

        Received received = open("/ws/tasks?lastEventId=0&access_token=" + Tokens.admin(), null);

        Await.until("the resumed stream to replay the finished task", Duration.ofSeconds(20),
                () -> received.messages.stream().anyMatch(m -> m.contains(id) && m.contains("task_completed")),
                replayed -> replayed);
    }

    @Test
    void anotherTenantsTaskClosesTheSocketAndNoTokenIsRefused() throws Exception {
        String id = api.post("/api/tasks", """
                {"type":"webhook-delivery","payload":{"url":"%s"}}""".formatted(receiver.url("/ws3"))).field("id");

        Received stranger = open("/ws/tasks/" + id, Tokens.of("eve", "elsewhere", "ADMIN"));
        assertEquals(1008, stranger.closed.get(10, TimeUnit.SECONDS), "policy violation: not yours");
        assertEquals(0, stranger.messages.size());

        ExecutionException refused = assertThrows(ExecutionException.class, () -> open("/ws/tasks/" + id, null));
        WebSocketHandshakeException handshake = assertInstanceOf(WebSocketHandshakeException.class, refused.getCause());
        assertEquals(401, handshake.getResponse().statusCode());
    }

    private Received open(String path, String token) throws Exception {
        Received received = new Received();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder();
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        CompletableFuture<WebSocket> socket = builder.buildAsync(
                URI.create("ws://127.0.0.1:" + server.getPort() + path), received);
        socket.get(10, TimeUnit.SECONDS);
        return received;
    }
}
