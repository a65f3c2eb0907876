package dev.tasklane.gateway.sync.external;

import dev.tasklane.gateway.config.ServesApi;
import dev.tasklane.gateway.openapi.BodyProblems;
import dev.tasklane.gateway.openapi.CommonProblems;
import dev.tasklane.gateway.openapi.ConflictProblem;
import dev.tasklane.gateway.openapi.TaskSubmitted;
import dev.tasklane.gateway.problem.FieldError;
import dev.tasklane.gateway.problem.ProblemException;
import dev.tasklane.gateway.problem.ProblemType;
import dev.tasklane.gateway.security.Caller;
import dev.tasklane.gateway.security.Roles;
import dev.tasklane.gateway.tasks.SubmissionReader;
import dev.tasklane.gateway.tasks.TaskSubmitController;
import dev.tasklane.gateway.tasks.TaskSubmitter;
import dev.tasklane.gateway.tasks.TaskView;
import dev.tasklane.gateway.tasks.TaskViews;
import dev.tasklane.gateway.tasks.ValidSubmission;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
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
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/integrations/n8n/trigger}: triggers an n8n workflow through its Webhook node, as an
 * {@code external-sync} task. The body is that task's payload with {@code webhookUrl} for {@code url} (optional
 * when {@code tasklane.integrations.n8n.webhook-url} is set), plus {@code priority} and {@code idempotencyKey}.
 */
@Tag(name = "sync")
@CommonProblems
@Controller("/api/integrations/n8n/trigger")
@Secured(Roles.USER)
@ServesApi
@ExecuteOn(TaskExecutors.BLOCKING)
@Consumes(MediaType.APPLICATION_JSON)
public class N8nTriggerController {

    /** The submission's fields the trigger takes beside the payload's. */
    public static final List<String> ENVELOPE_FIELDS = List.of("priority", "idempotencyKey", "runAt");
    /** The body field that carries the payload's {@code url}, the n8n webhook. */
    public static final String WEBHOOK_URL = "webhookUrl";

    private final N8nProperties properties;
    private final SubmissionReader reader;
    private final TaskSubmitter submitter;
    private final TaskViews views;

    public N8nTriggerController(N8nProperties properties, SubmissionReader reader, TaskSubmitter submitter,
                                TaskViews views) {
        this.properties = properties;
        this.reader = reader;
        this.submitter = submitter;
        this.views = views;
    }

    @Operation(operationId = "triggerExternalSync", summary = "Starts an external sync from an n8n workflow.")
    @TaskSubmitted
    @BodyProblems
    @ConflictProblem
    @RequestBody(description = "The external-sync payload's fields with the n8n webhook as webhookUrl (default: the"
            + " configured one), and priority, idempotencyKey and runAt beside them.",
            content = @Content(schema = @Schema(ref = "#/components/schemas/ExternalSyncTrigger")))
    @Post
    public HttpResponse<TaskView> trigger(
            @Body JsonNode body,
            @Parameter(description = "Makes a repeated submission return the task the first made (max 200 characters).")
            @Nullable @Header("Idempotency-Key") String idempotencyKey,
            Authentication authentication) {
        if (!body.isObject()) {
            throw ProblemException.invalid("body", "must be a JSON object with event and data or records");
        }
        Map<String, JsonNode> payload = new LinkedHashMap<>();
        Map<String, JsonNode> envelope = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : body.entries()) {
            if (field.getKey().equals(WEBHOOK_URL)) {
                payload.put("url", field.getValue());
            } else {
                (ENVELOPE_FIELDS.contains(field.getKey()) ? envelope : payload).put(field.getKey(), field.getValue());
            }
        }
        if (payload.containsKey("url") && body.get("url") != null) {
            throw ProblemException.invalid("url", "give the n8n webhook as webhookUrl only");
        }
        if (!payload.containsKey("url")) {
            if (properties.webhookUrl() == null || properties.webhookUrl().isBlank()) {
                throw ProblemException.invalid("webhookUrl", "is required: no default n8n webhook is configured"
                        + " (tasklane.integrations.n8n.webhook-url)");
            }
            payload.put("url", JsonNode.createStringNode(properties.webhookUrl()));
        }
        envelope.put("type", JsonNode.createStringNode(ExternalSyncTaskType.NAME));
        envelope.put("payload", JsonNode.createObjectNode(payload));
        return TaskSubmitController.answer(submitter.submit(read(envelope, idempotencyKey),
                Caller.of(authentication)), views);
    }

    /** The submission, with faults named by this endpoint's fields rather than the task's payload paths. */
    private ValidSubmission read(Map<String, JsonNode> envelope, @Nullable String idempotencyKey) {
        try {
            return reader.read(JsonNode.createObjectNode(envelope), idempotencyKey);
        } catch (ProblemException e) {
            if (e.type() != ProblemType.INVALID_REQUEST) {
                throw e;
            }
            throw ProblemException.invalid(e.errors().stream().map(error -> new FieldError(
                    error.field().equals("payload.url") ? "webhookUrl"
                            : error.field().replaceFirst("^payload\\.", ""), error.message())).toList());
        }
    }
}
