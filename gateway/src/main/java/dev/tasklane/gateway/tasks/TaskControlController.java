package dev.tasklane.gateway.tasks;

import dev.tasklane.gateway.config.ServesApi;
import dev.tasklane.gateway.openapi.CommonProblems;
import dev.tasklane.gateway.openapi.ConflictProblem;
import dev.tasklane.gateway.openapi.NotFoundProblem;
import dev.tasklane.gateway.security.Caller;
import dev.tasklane.gateway.security.Roles;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.net.URI;

/** Cancel, retry and delete endpoints: a USER acts on their own tasks, a MANAGER on the tenant's; deletes are ADMIN's. */
@Tag(name = "tasks")
@CommonProblems
@Controller("/api/tasks/{id}")
@Secured(Roles.USER)
@ServesApi
@ExecuteOn(TaskExecutors.BLOCKING)
public class TaskControlController {

    private final TaskControl control;
    private final TaskViews views;

    public TaskControlController(TaskControl control, TaskViews views) {
        this.control = control;
        this.views = views;
    }

    @Operation(operationId = "cancelTask", summary = "Cancels a task.")
    @ApiResponse(
            responseCode = "202",
            description = "Cancellation requested; the task ends CANCELLED.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TaskView.class)))
    @NotFoundProblem
    @ConflictProblem
    @Post("/cancel")
    public HttpResponse<TaskView> cancel(
            @Parameter(description = "The task's ID, as its submission answered.")
            @PathVariable String id,
            Authentication authentication) {
        return HttpResponse.accepted().body(views.of(control.cancel(id, Caller.of(authentication))));
    }

    @Operation(
            operationId = "retryTask",
            summary = "Runs a finished FAILED, CANCELLED or TIMED_OUT task again, as a new task.")
    @ApiResponse(
            responseCode = "202",
            description = "The new task, which names the old one.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TaskView.class)),
            headers = @Header(
                    name = "Location",
                    description = "The path of the task."))
    @NotFoundProblem
    @ConflictProblem
    @Post("/retry")
    public HttpResponse<TaskView> retry(
            @Parameter(description = "The task's ID, as its submission answered.")
            @PathVariable String id,
            Authentication authentication) {
        TaskView retried = views.of(control.retry(id, Caller.of(authentication)));
        return HttpResponse.accepted(URI.create(retried.links().get("self"))).body(retried);
    }

    @Operation(operationId = "deleteTask", summary = "Deletes a finished task and what is kept for it.")
    @ApiResponse(responseCode = "204", description = "Deleted.")
    @NotFoundProblem
    @ConflictProblem
    @Delete
    @Secured(Roles.ADMIN)
    public HttpResponse<Void> delete(
            @Parameter(description = "The task's ID, as its submission answered.")
            @PathVariable String id,
            Authentication authentication) {
        control.delete(id, Caller.of(authentication));
        return HttpResponse.noContent();
    }
}
