package dev.tasklane.gateway.flow;

import dev.tasklane.gateway.config.ServesApi;
import dev.tasklane.gateway.openapi.BodyProblems;
import dev.tasklane.gateway.openapi.CommonProblems;
import dev.tasklane.gateway.openapi.ConflictProblem;
import dev.tasklane.gateway.openapi.NotFoundProblem;
import dev.tasklane.gateway.security.Caller;
import dev.tasklane.gateway.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;


/**
 * The signals, queries and updates a task's type declares ({@code GET /api/task-types} lists them), sent to its
 * workflow: to a task the caller sees, by the role each declares, in the states it is taken in.
 */
@Tag(name = "tasks")
@CommonProblems
@Controller("/api/tasks/{id}")
@Secured(Roles.USER)
@ServesApi
@ExecuteOn(TaskExecutors.BLOCKING)
public class TaskMessageController {

    /**
     * What a message answered.
     *
     * @param taskId the task
     * @param name   the message
     * @param result what the query or update answered; null for a signal
     */
    @Serdeable
    public record MessageAnswer(String taskId, String name, @Nullable Object result) {
    }

    private final TaskMessages messages;

    public TaskMessageController(TaskMessages messages) {
        this.messages = messages;
    }

    @Operation(operationId = "signalTask", summary = "Sends a signal its task type declares to a task's workflow.")
    @ApiResponse(responseCode = "202", description = "Delivered to the workflow, which handles it when it next runs.",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = MessageAnswer.class)))
    @NotFoundProblem
    @ConflictProblem
    @BodyProblems
    @RequestBody(required = false, description = "The signal's argument, as its declaration gives its fields.",
            content = @Content(schema = @Schema(type = "object")))
    @Post("/signals/{name}")
    public HttpResponse<MessageAnswer> signal(
            @Parameter(description = "The task's ID, as its submission answered.") @PathVariable String id,
            @Parameter(description = "The signal's name.") @PathVariable String name,
            @Nullable @Body JsonNode body,
            Authentication authentication) {
        messages.send(id, TaskMessage.Kind.SIGNAL, name, body, Caller.of(authentication));
        return HttpResponse.accepted().body(new MessageAnswer(id, name, null));
    }

    @Operation(operationId = "queryTask",
            summary = "Asks a task's workflow a query its task type declares; 503 when no worker answers in 3 s.")
    @ApiResponse(responseCode = "200", description = "The workflow's answer.",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = MessageAnswer.class)))
    @NotFoundProblem
    @ConflictProblem
    @Get("/queries/{name}")
    public MessageAnswer query(
            @Parameter(description = "The task's ID, as its submission answered.") @PathVariable String id,
            @Parameter(description = "The query's name, such as progress.") @PathVariable String name,
            Authentication authentication) {
        return new MessageAnswer(id, name, messages.send(id, TaskMessage.Kind.QUERY, name, null,
                Caller.of(authentication)));
    }

    @Operation(operationId = "updateTask",
            summary = "Sends an update its task type declares to a task's workflow and waits up to 10 s for its answer.")
    @ApiResponse(responseCode = "200", description = "The workflow took the update; its answer.",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = MessageAnswer.class)))
    @NotFoundProblem
    @ConflictProblem
    @BodyProblems
    @RequestBody(required = false, description = "The update's argument, as its declaration gives its fields.",
            content = @Content(schema = @Schema(type = "object")))
    @Post("/updates/{name}")
    public MessageAnswer update(
            @Parameter(description = "The task's ID, as its submission answered.") @PathVariable String id,
            @Parameter(description = "The update's name.") @PathVariable String name,
            @Nullable @Body JsonNode body,
            Authentication authentication) {
        return new MessageAnswer(id, name, messages.send(id, TaskMessage.Kind.UPDATE, name, body,
                Caller.of(authentication)));
    }
}
