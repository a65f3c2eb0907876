package dev.tasklane.gateway.events;

import io.micronaut.json.JsonMapper;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import jakarta.inject.Singleton;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands an event stream to a WebSocket session: each event as one JSON text message, the same object the SSE
 * streams send as {@code data} (without their keep-alive comments), until the stream ends (the session is then closed) or the client goes.
 */
@Singleton
public class EventSockets {

    private final JsonMapper json;
    private final Map<String, Disposable> following = new ConcurrentHashMap<>();

    public EventSockets(JsonMapper json) {
        this.json = json;
    }

    /** Sends {@code events} to {@code session}. */
    void follow(WebSocketSession session, Flux<TaskEventView> events) {
        Disposable subscription = events
                .map(this::text)
                .concatMap(session::send)
                .doOnComplete(() -> session.close(CloseReason.NORMAL))
                .doOnError(error -> session.close(CloseReason.INTERNAL_ERROR))
                .subscribe();
        following.put(session.getId(), subscription);
    }

    /** Stops sending to a session that closed. */
    void stop(WebSocketSession session) {
        Disposable subscription = following.remove(session.getId());
        if (subscription != null) {
            subscription.dispose();
        }
    }

    private String text(TaskEventView data) {
        try {
            return json.writeValueAsString(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
