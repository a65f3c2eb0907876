package dev.tasklane.gateway.tasks;

import dev.tasklane.gateway.config.ServesApi;
import dev.tasklane.gateway.openapi.BodyProblems;
import dev.tasklane.gateway.openapi.CommonProblems;
import dev.tasklane.gateway.openapi.ConflictProblem;
import dev.tasklane.gateway.openapi.NotFoundProblem;
import dev.tasklane.gateway.openapi.TaskSubmitted;
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
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
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
    @TaskSubmitted
    @BodyProblems
    @ConflictProblem
    @RequestBody(
            description = "The task: its type, its payload, and how to run it.",
            content = @Content(schema = @Schema(ref = "#/components/schemas/TaskSubmission"), examples = {
                @ExampleObject(name = "webhook", summary = "Deliver a webhook, retried up to 8 times", value = """
                        {"type": "webhook-delivery", "payload": {"url": "https://hooks.partner.test/orders",
                         "body": {"order": 7}, "secret": "whsec-1"}, "retry": {"maxAttempts": 8}}"""),
                @ExampleObject(name = "scheduled", summary = "Send an e-mail at a set time, once per key", value = """
                        {"type": "email-notification", "payload": {"to": ["ops@partner.test"],
                         "template": "daily-report", "variables": {"day": "2030-01-01"}},
                         "runAt": "2030-01-01T07:00:00Z",
                         "idempotencyKey": "daily-report-2030-01-01", "priority": "LOW"}""")}))
    @NotFoundProblem
    @Post
    public HttpResponse<TaskView> submit(
            @Body JsonNode body,
            @Parameter(description = "Makes a repeated submission return the task the first made (max 200 characters).")
            @Nullable @Header("Idempotency-Key") String idempotencyKey,
            Authentication authentication) {
        return answer(submitter.submit(reader.read(body, idempotencyKey), Caller.of(authentication)), views);
    }

    /** {@code POST /api/tasks/{type}}: the body is the payload; priority and runAt may come as fields or query. */
    @Operation(
            operationId = "submitTypedTask",
            summary = "Submits a task of the type the path names; the body is its payload.")
    @TaskSubmitted
    @NotFoundProblem
    @BodyProblems
    @ConflictProblem
    @Post("/{type}")
    public HttpResponse<TaskView> submitTyped(
            @Parameter(description = "The task type; the body is its payload.")
            @PathVariable String type,
            @Body JsonNode body,
            @Parameter(description = "The task's priority (default NORMAL).",
                    schema = @Schema(implementation = String.class,
                            allowableValues = {"CRITICAL", "HIGH", "NORMAL", "LOW", "BACKGROUND", "URGENT"}))
            @Nullable @QueryValue String priority,
            @Parameter(description = "ISO-8601 instant to start at; omit to run now.",
                    schema = @Schema(implementation = String.class, format = "date-time"))
            @Nullable @QueryValue String runAt,
            @Parameter(description = "As the Idempotency-Key header.", schema = @Schema(implementation = String.class))
            @Nullable @QueryValue String idempotencyKey,
            @Parameter(description = "Makes a repeated submission return the task the first made (max 200 characters).")
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
