package dev.tasklane.gateway.tasks;

import dev.tasklane.gateway.config.ServesApi;
import dev.tasklane.gateway.config.TaskPageProperties;
import dev.tasklane.gateway.events.StreamPermits;
import dev.tasklane.gateway.events.StreamReads;
import dev.tasklane.gateway.openapi.CommonProblems;
import dev.tasklane.gateway.problem.FieldErrors;
import dev.tasklane.gateway.security.Caller;
import dev.tasklane.gateway.security.Roles;
import dev.tasklane.store.task.TaskCatalog;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Flux;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/tasks/export}: every matching task with its input (credentials redacted), result and error, as one
 * JSON array streamed page by page as the client takes it (read through {@link StreamReads}), newest first, for
 * audits. A page is at most 500 tasks and {@code tasklane.tasks.max-page-bytes} of stored JSON, so an export holds
 * about that much at a time. A USER exports their own tasks, a MANAGER the tenant's.
 */
@Tag(name = "tasks")
@CommonProblems
@Controller("/api/tasks/export")
@Secured(Roles.USER)
@ServesApi
public class TaskExportController {

    private static final int PAGE = 500;
    private static final int MOST_IDS = 500;

    private final TaskCatalog catalog;
    private final TaskViews views;
    private final TaskTypes types;
    private final StreamReads reads;
    private final StreamPermits permits;
    private final TaskPageProperties pages;

    public TaskExportController(TaskCatalog catalog, TaskViews views, TaskTypes types, StreamReads reads,
                                TaskPageProperties pages, StreamPermits permits) {
        this.catalog = catalog;
        this.views = views;
        this.types = types;
        this.reads = reads;
        this.pages = pages;
        this.permits = permits;
    }

    @Operation(operationId = "exportTasks", summary = "Tasks as one JSON array, for a file.")
    @Get(produces = MediaType.APPLICATION_JSON)
    public HttpResponse<Flux<TaskView>> export(
            @Parameter(description = "Comma-separated task IDs, at most " + MOST_IDS + "; or filter by the others.")
            @Nullable @QueryValue String ids,
            @Parameter(description = "Only tasks of this type.", schema = @Schema(implementation = String.class))
            @Nullable @QueryValue String type,
            @Parameter(description = "Only tasks in this status.",
                    schema = @Schema(implementation = String.class, allowableValues = {"SCHEDULED", "QUEUED", "WAITING",
                        "RUNNING", "AWAITING_APPROVAL", "RETRYING", "COMPLETED", "FAILED", "CANCELLED",
                        "TIMED_OUT"}))
            @Nullable @QueryValue String status,
            @Parameter(description = "Only tasks created at or after this ISO-8601 instant.",
                    schema = @Schema(implementation = String.class, format = "date-time"))
            @Nullable @QueryValue String from,
            @Parameter(description = "Only tasks created before this ISO-8601 instant.",
                    schema = @Schema(implementation = String.class, format = "date-time"))
            @Nullable @QueryValue String to,
            Authentication authentication) {
        FieldErrors errors = new FieldErrors();
        List<String> idList = ids == null ? List.of()
                : Arrays.stream(ids.split(",")).map(String::trim).filter(id -> !id.isEmpty()).distinct().toList();
        if (ids != null && idList.isEmpty()) {
            errors.add("ids", "names no task; give task IDs separated by commas, or leave it out");
        } else if (idList.size() > MOST_IDS) {
            errors.add("ids", "names " + idList.size() + " tasks; export at most " + MOST_IDS + " by ID at once");
        }
        if (type != null) {
            types.known(type, "type", errors);
        }
        TaskStatus statusFilter = SubmissionReader.status(status, errors);
        Instant createdFrom = errors.instant("from", from);
        Instant createdTo = errors.instant("to", to);
        if (createdFrom != null && createdTo != null && !createdFrom.isBefore(createdTo)) {
            errors.add("to", "must be after from");
        }
        errors.throwIfAny();
        Caller caller = Caller.of(authentication);
        TaskCatalog.Filter filter = new TaskCatalog.Filter(caller.ownerScope(), type, statusFilter, null, idList,
                createdFrom, createdTo);
        long maxBytes = pages.maxPageBytes();
        Flux<TaskView> tasks = reads.<TaskCatalog.Page>pages(() -> catalog.list(caller.tenant(), filter, null, PAGE,
                                maxBytes),
                        page -> Optional.ofNullable(page.nextCursor()).map(cursor -> () -> catalog.list(caller.tenant(),
                                filter, TaskCatalog.Cursor.decode(cursor).orElseThrow(), PAGE, maxBytes)))
                .concatMapIterable(page -> page.items().stream().map(views::of).toList());
        // an export holds a stream permit like an event stream: one caller cannot queue the stream readers up
        tasks = permits.held(caller, tasks);
        return HttpResponse.ok(tasks).header("Content-Disposition", "attachment; filename=\"tasks-export.json\"");
    }
}
