package dev.tasklane.gateway.events;

import dev.tasklane.gateway.support.ApiWithReceiverTest;
import dev.tasklane.gateway.support.Await;
import dev.tasklane.gateway.support.SseReader;
import dev.tasklane.gateway.support.Tokens;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One caller's streamed responses (event streams, exports) are capped, and a finished task's stream never waits for
 * events that cannot come.
 */
@MicronautTest
@Property(name = "tasklane.events.max-streams-per-caller", value = "3")
class StreamLimitsTest extends ApiWithReceiverTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aCallerPastTheStreamCapIsRefusedWith429WhileOthersAreServedAndAClosedStreamGivesItsPlaceBack()
            throws Exception {
        String alice = Tokens.of("alice", Tokens.TENANT, "USER");
        List<SseReader> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                open.add(SseReader.open(api.uri("/api/tasks/events"), alice, null));
                assertEquals(200, open.get(i).status());
            }
            HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(api.uri("/api/tasks/events"))
                    .header("Authorization", "Bearer " + alice).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(429, refused.statusCode());
            assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            assertTrue(refused.headers().firstValue("Retry-After").isPresent());
            assertEquals(1013, closeOf(openSocket("/ws/tasks", alice)), "a socket past the cap: try again later");
            assertEquals(429, api.as(alice).get("/api/tasks/export").status(), "an export is a stream like these");

            try (SseReader bob = SseReader.open(api.uri("/api/tasks/events"), Tokens.of("bob", Tokens.TENANT, "USER"),
                    null)) {
                assertEquals(200, bob.status(), "another caller is served");
            }
            open.remove(0).close();
            Await.until("the closed stream's place to be free again", WAIT, () -> streamStatus(alice),
                    status -> status == 200);
        } finally {
            for (SseReader reader : open) {
                reader.close();
            }
        }
    }

    @Test
    void aFinishedTasksStreamResumedPastItsLastEventEndsAtOnce() throws Exception {
        String id = submitDelivery(api, "/done");
        api.awaitStatus(id, "COMPLETED");

        try (SseReader stream = api.stream("/api/tasks/" + id + "/events", Long.toString(Long.MAX_VALUE - 1))) {
            assertEquals(List.of(), stream.untilEnd(WAIT));
        }
    }

    private int streamStatus(String token) {
        try (SseReader reader = SseReader.open(api.uri("/api/tasks/events"), token, null)) {
            return reader.status();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private CompletableFuture<Integer> openSocket(String path, String token) throws Exception {
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                .buildAsync(URI.create("ws://127.0.0.1:" + server.getPort() + path), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
                        closed.complete(status);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        return closed;
    }

    private static int closeOf(CompletableFuture<Integer> closed) throws Exception {
        return closed.get(10, TimeUnit.SECONDS);
    }
}
