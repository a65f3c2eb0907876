package dev.tasklane.gateway.events;

import dev.tasklane.gateway.config.ServesApi;
import dev.tasklane.gateway.problem.FieldErrors;
import dev.tasklane.gateway.security.Caller;
import dev.tasklane.gateway.security.Roles;
import dev.tasklane.gateway.tasks.SubmissionReader;
import dev.tasklane.gateway.tasks.TaskTypes;
import dev.tasklane.workflows.lifecycle.TaskStatus;
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
 * {@code /ws/tasks?type=&status=&lastEventId=}: every event the caller may see, as the all-tasks SSE stream carries
 * them, one JSON message each; resumed after {@code lastEventId} when given.
 */
@ServerWebSocket("/ws/tasks")
@Secured(Roles.USER)
@ServesApi
@ExecuteOn(TaskExecutors.BLOCKING)
public class AllTasksSocket {

    private final TaskEventStreams streams;
    private final EventSockets sockets;
    private final TaskTypes types;

    public AllTasksSocket(TaskEventStreams streams, EventSockets sockets, TaskTypes types) {
        this.streams = streams;
        this.sockets = sockets;
        this.types = types;
    }

    @OnOpen
    public void open(WebSocketSession session, HttpRequest<?> request) {
        String type = request.getParameters().get("type");
        String status = request.getParameters().get("status");
        FieldErrors errors = new FieldErrors();
        if (type != null) {
            types.known(type, "type", errors);
        }
        TaskStatus wanted = SubmissionReader.status(status, errors);
        long after = errors.wholeNumber("lastEventId", request.getParameters().get("lastEventId"), 0, Long.MAX_VALUE,
                -1);
        Caller caller = Caller.of(request.getUserPrincipal(Authentication.class).orElseThrow());
        sockets.open(session, () -> {
            errors.throwIfAny();
            return streams.forCaller(caller, TaskEventStreams.matching(type, wanted), after < 0 ? null : after);
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
