package dev.tasklane.gateway.cleanup;

import dev.tasklane.gateway.config.ServesApi;
import dev.tasklane.gateway.openapi.CommonProblems;
import dev.tasklane.gateway.openapi.ConflictProblem;
import dev.tasklane.gateway.problem.FieldErrors;
import dev.tasklane.gateway.security.Caller;
import dev.tasklane.gateway.security.Roles;
import dev.tasklane.gateway.tasks.SubmissionReader;
import dev.tasklane.gateway.tasks.TaskSubmitController;
import dev.tasklane.gateway.tasks.TaskSubmitter;
import dev.tasklane.gateway.tasks.TaskView;
import dev.tasklane.gateway.tasks.TaskViews;
import dev.tasklane.workflows.cleanup.CleanupRequest;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code POST /api/tasks/cleanup?maxAgeHours=}: runs a cleanup of the caller's tenant now, as a task. */
@Tag(name = "operations")
@CommonProblems
@Controller("/api/tasks/cleanup")
@Secured(Roles.ADMIN)
@ServesApi
@ExecuteOn(TaskExecutors.BLOCKING)
public class CleanupController {

    private final SubmissionReader reader;
    private final TaskSubmitter submitter;
    private final TaskViews views;

    public CleanupController(SubmissionReader reader, TaskSubmitter submitter, TaskViews views) {
        this.reader = reader;
        this.submitter = submitter;
        this.views = views;
    }

    /** 202 with the cleanup task; its result says what it removed. */
    @Operation(operationId = "cleanUp", summary = "Deletes finished tasks older than a given age, as a cleanup task.")
    @ApiResponse(
            responseCode = "202",
            description = "The cleanup task.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TaskView.class)))
    @ConflictProblem
    @Post
    public HttpResponse<TaskView> cleanup(
            @Parameter(description = "Delete every finished task that ended longer ago than this many hours; omit"
                    + " for each outcome's retention.", schema = @Schema(implementation = Integer.class, minimum = "1",
                            maximum = "" + CleanupRequest.LONGEST_MAX_AGE_HOURS))
            @Nullable @QueryValue String maxAgeHours,
            Authentication authentication) {
        FieldErrors errors = new FieldErrors();
        long hours = errors.wholeNumber("maxAgeHours", maxAgeHours, 1, CleanupRequest.LONGEST_MAX_AGE_HOURS, 0);
        errors.throwIfAny();
        Map<String, JsonNode> payload = new LinkedHashMap<>();
        if (maxAgeHours != null) {
            payload.put("maxAgeHours", JsonNode.createNumberNode(hours));
        }
        JsonNode submission = JsonNode.createObjectNode(Map.of("type", JsonNode.createStringNode(CleanupTaskType.NAME),
                "payload", JsonNode.createObjectNode(payload)));
        return TaskSubmitController.answer(submitter.submit(reader.read(submission, null), Caller.of(authentication)),
                views);
    }
}
