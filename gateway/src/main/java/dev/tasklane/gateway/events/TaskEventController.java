package dev.tasklane.gateway.events;

import dev.tasklane.gateway.config.ServesApi;
import dev.tasklane.gateway.openapi.CommonProblems;
import dev.tasklane.gateway.openapi.NotFoundProblem;
import dev.tasklane.gateway.problem.FieldErrors;
import dev.tasklane.gateway.security.Caller;
import dev.tasklane.gateway.security.Roles;
import dev.tasklane.gateway.tasks.SubmissionReader;
import dev.tasklane.gateway.tasks.TaskTypes;
import dev.tasklane.gateway.tasks.VisibleTasks;
import dev.tasklane.store.task.TaskReconciler;
import dev.tasklane.store.task.TaskRow;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.reactivestreams.Publisher;

import java.util.List;

/**
 * Server-sent event streams of task events, per task and for all the tasks the caller sees (their own, or their
 * tenant's for a MANAGER), and the JSON log.
 */
@Tag(name = "events")
@CommonProblems
@Controller("/api/tasks")
@Secured(Roles.USER)
@ServesApi
@ExecuteOn(TaskExecutors.BLOCKING)
public class TaskEventController {

    static final int LARGEST_LOG_PAGE = 1000;

    /** A task's event log. */
    @Serdeable
    public record TaskLog(String taskId, List<TaskEventView> events) {
    }

    private final TaskEventStreams streams;
    private final VisibleTasks visible;
    private final TaskTypes types;
    private final TaskReconciler reconciler;

    public TaskEventController(TaskEventStreams streams, VisibleTasks visible, TaskTypes types,
                               TaskReconciler reconciler) {
        this.streams = streams;
        this.visible = visible;
        this.types = types;
        this.reconciler = reconciler;
    }

    /** All the events the caller sees, optionally of one task type or one resulting status; resumable. */
    @Operation(operationId = "streamAllEvents", summary = "Every visible task's events as server-sent events.")
    @Get(value = "/events", produces = MediaType.TEXT_EVENT_STREAM)
    public Publisher<Event<Object>> allEvents(
            @Parameter(description = "Only events of tasks of this type.")
            @Nullable @QueryValue String type,
            @Parameter(description = "Only events that leave a task in this status.",
                    schema = @Schema(implementation = String.class, allowableValues = {"SCHEDULED", "QUEUED", "WAITING",
                        "RUNNING", "AWAITING_APPROVAL", "RETRYING", "COMPLETED", "FAILED", "CANCELLED",
                        "TIMED_OUT"}))
            @Nullable @QueryValue String status,
            @Parameter(description = "Resume after this event ID; as an EventSource sends it on reconnecting.",
                    schema = @Schema(implementation = Long.class, minimum = "0"))
            @Nullable @Header("Last-Event-ID") String lastEventId,
            Authentication authentication) {
        FieldErrors errors = new FieldErrors();
        if (type != null) {
            types.known(type, "type", errors);
        }
        TaskStatus wantedStatus = SubmissionReader.status(status, errors);
        Long after = lastEventId(lastEventId, errors);
        errors.throwIfAny();
        return TaskEventStreams.serverSent(streams.forCaller(Caller.of(authentication),
                TaskEventStreams.matching(type, wantedStatus), after));
    }

    /** One task's events: replayed from the start (or after {@code Last-Event-ID}), live to the end. */
    @Operation(
            operationId = "streamTaskEvents",
            summary = "One task's events as server-sent events, ending after its terminal event.")
    @NotFoundProblem
    @Get(value = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM)
    public Publisher<Event<Object>> taskEvents(
            @Parameter(description = "The task's ID, as its submission answered.")
            @PathVariable String id,
            @Parameter(description = "Resume after this event ID; as an EventSource sends it on reconnecting.",
                    schema = @Schema(implementation = Long.class, minimum = "0"))
            @Nullable @Header("Last-Event-ID") String lastEventId,
            Authentication authentication) {
        FieldErrors errors = new FieldErrors();
        Long after = lastEventId(lastEventId, errors);
        errors.throwIfAny();
        Caller caller = Caller.of(authentication);
        TaskRow task = visible.find(id, caller);
        return TaskEventStreams.serverSent(streams.forTask(caller, reconciler.reconcile(task),
                after == null ? 0 : after));
    }

    /** The task's event log as JSON, oldest first, a page after event {@code after}. */
    @Operation(operationId = "getTaskLog", summary = "One task's event log as JSON.")
    @NotFoundProblem
    @Get("/{id}/logs")
    public TaskLog logs(
            @Parameter(description = "The task's ID, as its submission answered.")
            @PathVariable String id,
            @Parameter(description = "Only events after this event ID (default 0).",
                    schema = @Schema(implementation = Long.class, minimum = "0"))
            @Nullable @QueryValue String after,
            @Parameter(description = "Events per page, 1-" + LARGEST_LOG_PAGE + " (the default).",
                    schema = @Schema(implementation = Integer.class, minimum = "1", maximum = "" + LARGEST_LOG_PAGE))
            @Nullable @QueryValue String limit,
            Authentication authentication) {
        FieldErrors errors = new FieldErrors();
        long afterId = errors.wholeNumber("after", after, 0, Long.MAX_VALUE, 0);
        long pageSize = errors.wholeNumber("limit", limit, 1, LARGEST_LOG_PAGE, LARGEST_LOG_PAGE);
        errors.throwIfAny();
        TaskRow task = visible.find(id, Caller.of(authentication));
        return new TaskLog(task.id(), streams.log(task.id(), afterId, (int) pageSize));
    }

    private static Long lastEventId(@Nullable String header, FieldErrors errors) {
        if (header == null || header.isBlank()) {
            return null;
        }
        long id = errors.wholeNumber("Last-Event-ID", header, 0, Long.MAX_VALUE, 0);
        return errors.has("Last-Event-ID") ? null : id;
    }
}
