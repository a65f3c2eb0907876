package dev.tasklane.gateway.tasks;

import dev.tasklane.gateway.config.ServesApi;
import dev.tasklane.gateway.config.TaskPageProperties;
import dev.tasklane.gateway.openapi.CommonProblems;
import dev.tasklane.gateway.openapi.NotFoundProblem;
import dev.tasklane.gateway.problem.FieldErrors;
import dev.tasklane.gateway.security.Caller;
import dev.tasklane.gateway.security.Roles;
import dev.tasklane.store.task.TaskCatalog;
import dev.tasklane.store.task.TaskReconciler;
import dev.tasklane.workflows.lifecycle.TaskPriority;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

/**
 * Reads the catalog: one task (reconciled with Temporal), or a filtered newest-first page of them, of at most
 * {@code limit} tasks and {@code tasklane.tasks.max-page-bytes} of stored JSON; a USER sees their own tasks, a
 * MANAGER the tenant's.
 */
@Tag(name = "tasks")
@CommonProblems
@Controller("/api/tasks")
@Secured(Roles.USER)
@ServesApi
@ExecuteOn(TaskExecutors.BLOCKING)
public class TaskQueryController {

    static final int DEFAULT_LIMIT = 50;
    static final int LARGEST_LIMIT = 500;

    /** A page of tasks; {@code nextCursor} fetches the next one and is null on the last. */
    @Serdeable
    public record TaskPage(List<TaskView> items, @Nullable String nextCursor) {
    }

    private final VisibleTasks visible;
    private final TaskCatalog catalog;
    private final TaskViews views;
    private final TaskTypes types;
    private final TaskReconciler reconciler;
    private final TaskPageProperties pages;

    public TaskQueryController(VisibleTasks visible, TaskCatalog catalog, TaskViews views, TaskTypes types,
                               TaskReconciler reconciler, TaskPageProperties pages) {
        this.visible = visible;
        this.catalog = catalog;
        this.views = views;
        this.types = types;
        this.reconciler = reconciler;
        this.pages = pages;
    }

    @Operation(operationId = "getTask", summary = "One task.")
    @NotFoundProblem
    @Get("/{id}")
    public TaskView get(
            @Parameter(description = "The task's ID, as its submission answered.")
            @PathVariable String id,
            Authentication authentication) {
        return views.of(reconciler.reconcile(visible.find(id, Caller.of(authentication))));
    }

    @Operation(operationId = "listTasks", summary = "Tasks newest first, a page at a time.")
    @Get
    public TaskPage list(
            @Parameter(description = "Only tasks of this type (GET /api/task-types lists them).")
            @Nullable @QueryValue String type,
            @Parameter(description = "Only tasks in this status.",
                    schema = @Schema(implementation = String.class, allowableValues = {"SCHEDULED", "QUEUED", "WAITING",
                        "RUNNING", "AWAITING_APPROVAL", "RETRYING", "COMPLETED", "FAILED", "CANCELLED",
                        "TIMED_OUT"}))
            @Nullable @QueryValue String status,
            @Parameter(description = "Only tasks of this priority.",
                    schema = @Schema(implementation = String.class,
                            allowableValues = {"CRITICAL", "HIGH", "NORMAL", "LOW", "BACKGROUND", "URGENT"}))
            @Nullable @QueryValue String priority,
            @Parameter(description = "Tasks per page, 1-" + LARGEST_LIMIT + " (default " + DEFAULT_LIMIT + ").",
                    schema = @Schema(implementation = Integer.class, minimum = "1", maximum = "" + LARGEST_LIMIT))
            @Nullable @QueryValue String limit,
            @Parameter(description = "The nextCursor of the page before, for the page after it.")
            @Nullable @QueryValue String cursor,
            Authentication authentication) {
        FieldErrors errors = new FieldErrors();
        if (type != null) {
            types.known(type, "type", errors);
        }
        TaskStatus statusFilter = SubmissionReader.status(status, errors);
        TaskPriority priorityFilter = priority == null ? null : SubmissionReader.priority(priority, errors);
        int pageSize = (int) errors.wholeNumber("limit", limit, 1, LARGEST_LIMIT, DEFAULT_LIMIT);
        TaskCatalog.Cursor after = null;
        if (cursor != null) {
            after = TaskCatalog.Cursor.decode(cursor).orElse(null);
            if (after == null) {
                errors.add("cursor", "is not a cursor this API returned; pass nextCursor from the previous page");
            }
        }
        errors.throwIfAny();
        Caller caller = Caller.of(authentication);
        TaskCatalog.Page page = catalog.list(caller.tenant(),
                new TaskCatalog.Filter(caller.ownerScope(), type, statusFilter, priorityFilter), after, pageSize,
                pages.maxPageBytes());
        return new TaskPage(page.items().stream().map(views::of).toList(), page.nextCursor());
    }
}
