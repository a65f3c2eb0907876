package dev.tasklane.gateway.tasks;

import dev.tasklane.gateway.config.ServesApi;
import dev.tasklane.gateway.openapi.BodyProblems;
import dev.tasklane.gateway.openapi.CommonProblems;
import dev.tasklane.gateway.openapi.ConflictProblem;
import dev.tasklane.gateway.openapi.NotFoundProblem;
import dev.tasklane.gateway.problem.ProblemException;
import dev.tasklane.gateway.problem.ProblemType;
import dev.tasklane.gateway.security.Caller;
import dev.tasklane.gateway.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** Accepts task submissions: the generic form and the typed convenience form per task type. */
@Tag(name = "tasks")
@CommonProblems
@Controller("/api/tasks")
@Secured(Roles.USER)
@ServesApi
@ExecuteOn(TaskExecutors.BLOCKING)
@Consumes(MediaType.APPLICATION_JSON)
public class TaskSubmitController {

    private final SubmissionReader reader;
    private final TaskSubmitter submitter;
    private final TaskViews views;
    private final TaskTypes types;

    public TaskSubmitController(SubmissionReader reader, TaskSubmitter submitter, TaskViews views, TaskTypes types) {
        this.reader = reader;
        this.submitter = submitter;
        this.views = views;
        this.types = types;
    }

    /** {@code POST /api/tasks}: 202 with the new task, or 200 with the task an idempotency key already names. */
    @Operation(operationId = "submitTask", summary = "Submits a task.")
    @ApiResponse(
            responseCode = "202",
            description = "Accepted: the new task, queued or scheduled.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TaskView.class)),
            headers = @io.swagger.v3.oas.annotations.headers.Header(
                    name = "Location",
                    description = "The path of the task.",
                    schema = @Schema(type = "string")))
    @ApiResponse(
            responseCode = "200",
            description = "The task an earlier submission with this idempotency key made.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TaskView.class)),
            headers = @io.swagger.v3.oas.annotations.headers.Header(
                    name = "Location",
                    description = "The path of the task.",
                    schema = @Schema(type = "string")))
    @BodyProblems
    @ConflictProblem
    @RequestBody(
            description = "The task: its type, its payload, and how to run it.",
            content = @Content(schema = @Schema(ref = "#/components/schemas/TaskSubmission")))
    @NotFoundProblem
    @Post
    public HttpResponse<TaskView> submit(@Body JsonNode body,
                                         @Nullable @Header("Idempotency-Key") String idempotencyKey,
                                         Authentication authentication) {
        return answer(submitter.submit(reader.read(body, idempotencyKey), Caller.of(authentication)), views);
    }

    /** {@code POST /api/tasks/{type}}: the body is the payload; priority and runAt may come as fields or query. */
    @Operation(
            operationId = "submitTypedTask",
            summary = "Submits a task of the type the path names; the body is its payload.")
    @ApiResponse(
            responseCode = "202",
            description = "Accepted: the new task, queued or scheduled.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TaskView.class)),
            headers = @io.swagger.v3.oas.annotations.headers.Header(
                    name = "Location",
                    description = "The path of the task.",
                    schema = @Schema(type = "string")))
    @ApiResponse(
            responseCode = "200",
            description = "The task an earlier submission with this idempotency key made.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TaskView.class)),
            headers = @io.swagger.v3.oas.annotations.headers.Header(
                    name = "Location",
                    description = "The path of the task.",
                    schema = @Schema(type = "string")))
    @NotFoundProblem
    @BodyProblems
    @ConflictProblem
    @Post("/{type}")
    public HttpResponse<TaskView> submitTyped(@PathVariable String type, @Body JsonNode body,
                                              @Nullable @QueryValue String priority,
                                              @Nullable @QueryValue String runAt,
                                              @Nullable @QueryValue String idempotencyKey,
                                              @Nullable @Header("Idempotency-Key") String idempotencyHeader,
                                              Authentication authentication) {
        if (types.find(type).isEmpty()) {
            throw new ProblemException(ProblemType.NOT_FOUND, "no task type '" + type + "'; registered types are "
                    + types.names());
        }
        if (!body.isObject()) {
            throw ProblemException.invalid("payload", "must be a JSON object");
        }
        Map<String, JsonNode> payload = new LinkedHashMap<>();
        Map<String, JsonNode> envelope = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : body.entries()) {
            boolean option = TaskSubmission.TYPED_ENDPOINT_OPTIONS.contains(field.getKey())
                    && types.schema(type).fields().stream().noneMatch(f -> f.name().equals(field.getKey()));
            (option ? envelope : payload).put(field.getKey(), field.getValue());
        }
        putIfPresent(envelope, "priority", priority);
        putIfPresent(envelope, "runAt", runAt);
        putIfPresent(envelope, "idempotencyKey", idempotencyKey);
        envelope.put("type", JsonNode.createStringNode(type));
        envelope.put("payload", JsonNode.createObjectNode(payload));
        return answer(submitter.submit(reader.read(JsonNode.createObjectNode(envelope), idempotencyHeader),
                Caller.of(authentication)), views);
    }

    private static void putIfPresent(Map<String, JsonNode> envelope, String field, @Nullable String value) {
        if (value != null) {
            envelope.put(field, JsonNode.createStringNode(value));
        }
    }

    /** 202 with the new task, or 200 with the task an idempotency key already named; both with its Location. */
    public static HttpResponse<TaskView> answer(TaskSubmitter.Submitted submitted, TaskViews views) {
        TaskView view = views.of(submitted.task());
        URI location = URI.create(view.links().get("self"));
        return submitted.created()
                ? HttpResponse.accepted(location).body(view)
                : HttpResponse.ok(view).headers(h -> h.location(location));
    }
}
