package dev.tasklane.gateway.events;

import dev.tasklane.gateway.problem.ProblemException;
import dev.tasklane.gateway.problem.ProblemType;
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
import java.util.function.Supplier;

/**
 * Hands an event stream to a WebSocket session: each event as one JSON text message, the same object the SSE
 * streams send as {@code data} (without their keep-alive comments), until the stream ends (the session is then closed) or the client goes.
 */
@Singleton
public class EventSockets {

    /** The session attribute that says its close has been handled. */
    private static final String CLOSED = "tasklane.closed";

    private final JsonMapper json;
    private final Map<String, Disposable> following = new ConcurrentHashMap<>();

    public EventSockets(JsonMapper json) {
        this.json = json;
    }

    /**
     * Sends {@code events} to {@code session}, unless it has already closed. The session's close may run on another
     * thread at the same time, before the channel reads as closed, so both hold the session's lock: the close either
     * finds the subscription or marks the session so that none is made.
     */
    private void follow(WebSocketSession session, Flux<TaskEventView> events) {
        synchronized (session) {
            if (session.contains(CLOSED) || !session.isOpen()) {
                return;
            }
            following.put(session.getId(), events
                    .map(this::text)
                    .concatMap(session::send)
                    .doOnComplete(() -> session.close(CloseReason.NORMAL))
                    .doOnError(error -> session.close(closing(error)))
                    .subscribe());
        }
    }

    /**
     * Follows the stream {@code opening} makes for {@code session}. A stream it refuses closes the session instead: a
     * policy close for a bad request or a task the caller may not see, try-again-later for a full cap.
     */
    void open(WebSocketSession session, Supplier<Flux<TaskEventView>> opening) {
        Flux<TaskEventView> events;
        try {
            events = opening.get();
        } catch (ProblemException refused) {
            session.close(closing(refused));
            return;
        }
        follow(session, events);
    }

    /** Try again later for a full cap or a client that fell behind, a policy close for a bad request. */
    private static CloseReason closing(Throwable error) {
        if (error instanceof TaskEventHub.Overflow
                || error instanceof ProblemException refused && refused.type() == ProblemType.QUOTA_EXCEEDED) {
            return new CloseReason(CloseReason.TRY_AGAIN_LATER.getCode(), error.getMessage());
        }
        if (error instanceof ProblemException) {
            return new CloseReason(CloseReason.POLICY_VIOLATION.getCode(), error.getMessage());
        }
        return CloseReason.INTERNAL_ERROR;
    }

    /** Stops sending to a session that closed, and keeps a stream that is still being opened for it from starting. */
    void stop(WebSocketSession session) {
        Disposable subscription;
        synchronized (session) {
            session.put(CLOSED, Boolean.TRUE);
            subscription = following.remove(session.getId());
        }
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
