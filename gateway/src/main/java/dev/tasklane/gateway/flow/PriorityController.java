package dev.tasklane.gateway.flow;

import dev.tasklane.gateway.config.ServesApi;
import dev.tasklane.gateway.openapi.BodyProblems;
import dev.tasklane.gateway.openapi.CommonProblems;
import dev.tasklane.gateway.openapi.ConflictProblem;
import dev.tasklane.gateway.openapi.NotFoundProblem;
import dev.tasklane.gateway.problem.FieldErrors;
import dev.tasklane.gateway.security.Caller;
import dev.tasklane.gateway.security.Roles;
import dev.tasklane.gateway.tasks.PayloadSchema;
import dev.tasklane.gateway.tasks.SubmissionReader;
import dev.tasklane.gateway.tasks.TaskView;
import dev.tasklane.gateway.tasks.TaskViews;
import dev.tasklane.workflows.lifecycle.TaskPriority;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Changes the priority of a task that has not started: a USER their own tasks', a MANAGER the tenant's. */
@Tag(name = "tasks")
@CommonProblems
@Controller("/api/tasks/{id}")
@Secured(Roles.USER)
@ServesApi
@ExecuteOn(TaskExecutors.BLOCKING)
public class PriorityController {

    private static final PayloadSchema BODY = PayloadSchema.of(PriorityChange.class);

    private final PriorityChanges changes;
    private final TaskViews views;

    public PriorityController(PriorityChanges changes, TaskViews views) {
        this.changes = changes;
        this.views = views;
    }

    @Operation(operationId = "changeTaskPriority",
            summary = "Moves a task that has not started (SCHEDULED, QUEUED or WAITING) to another priority.")
    @ApiResponse(
            responseCode = "200",
            description = "The task at its new priority.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TaskView.class)))
    @NotFoundProblem
    @ConflictProblem
    @BodyProblems
    @RequestBody(
            required = true,
            description = "The new priority.",
            content = @Content(schema = @Schema(ref = "#/components/schemas/PriorityChange")))
    @Post("/priority")
    @Consumes(MediaType.APPLICATION_JSON)
    public TaskView change(
            @Parameter(description = "The task's ID, as its submission answered.")
            @PathVariable String id,
            @Body JsonNode body,
            Authentication authentication) {
        BODY.require(body);
        FieldErrors errors = new FieldErrors();
        TaskPriority to = SubmissionReader.priority(body.get("priority").getStringValue(), errors);
        errors.throwIfAny();
        return views.of(changes.change(id, to, Caller.of(authentication)));
    }
}
