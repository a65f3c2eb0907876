package dev.tasklane.gateway.events;

import dev.tasklane.gateway.config.ServesApi;
import dev.tasklane.gateway.problem.FieldErrors;
import dev.tasklane.gateway.security.Caller;
import dev.tasklane.gateway.security.Roles;
import dev.tasklane.gateway.tasks.VisibleTasks;
import dev.tasklane.store.task.TaskReconciler;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;

/**
 * {@code /ws/tasks/{id}?lastEventId=}: one task's events, replayed and then live, one JSON message each, as its SSE
 * stream sends them; the socket closes after the terminal event. A task the caller may not see closes it at once.
 */
@ServerWebSocket("/ws/tasks/{id}")
@Secured(Roles.USER)
@ServesApi
@ExecuteOn(TaskExecutors.BLOCKING)
public class OneTaskSocket {

    private final TaskEventStreams streams;
    private final EventSockets sockets;
    private final VisibleTasks visible;
    private final TaskReconciler reconciler;

    public OneTaskSocket(TaskEventStreams streams, EventSockets sockets, VisibleTasks visible,
                           TaskReconciler reconciler) {
        this.streams = streams;
        this.sockets = sockets;
        this.visible = visible;
        this.reconciler = reconciler;
    }

    @OnOpen
    public void open(String id, WebSocketSession session, HttpRequest<?> request) {
        FieldErrors errors = new FieldErrors();
        long after = errors.wholeNumber("lastEventId", request.getParameters().get("lastEventId"), 0, Long.MAX_VALUE,
                0);
        Caller caller = Caller.of(request.getUserPrincipal(Authentication.class).orElseThrow());
        sockets.open(session, () -> {
            errors.throwIfAny();
            return streams.forTask(caller, reconciler.reconcile(visible.find(id, caller)), after);
        });
    }

    @OnMessage
    public void ignore(String message, WebSocketSession session) {
        // the stream only sends
    }

    @OnClose
    public void close(WebSocketSession session) {
        sockets.stop(session);
    }
}
