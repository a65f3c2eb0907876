package dev.tasklane.gateway.batch;

import dev.tasklane.gateway.config.ServesApi;
import dev.tasklane.gateway.openapi.BodyProblems;
import dev.tasklane.gateway.openapi.CommonProblems;
import dev.tasklane.gateway.openapi.ConflictProblem;
import dev.tasklane.gateway.openapi.NotFoundProblem;
import dev.tasklane.gateway.security.Caller;
import dev.tasklane.gateway.security.Roles;
import dev.tasklane.gateway.tasks.PayloadSchema;
import dev.tasklane.gateway.tasks.TaskView;
import dev.tasklane.gateway.tasks.TaskViews;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** {@code POST /api/tasks/batch}: several submissions in one call, run as one batch task, one result per item. */
@Tag(name = "tasks")
@CommonProblems
@Controller("/api/tasks")
@Secured(Roles.USER)
@ServesApi
@ExecuteOn(TaskExecutors.BLOCKING)
public class BatchController {

    /** The batch task and what became of each item. */
    @Serdeable
    public record BatchView(TaskView batch, List<BatchSubmitter.ItemOutcome> items) {
    }

    private static final PayloadSchema BODY = PayloadSchema.of(BatchSubmission.class);

    private final BatchSubmitter batches;
    private final TaskViews views;

    public BatchController(BatchSubmitter batches, TaskViews views) {
        this.batches = batches;
        this.views = views;
    }

    /** Body {@code {items: [{type, payload, priority?, retry?, timeoutSeconds?}…], concurrency?, onFailure?, priority?}}. */
    @Operation(operationId = "submitBatch", summary = "Submits several tasks as one batch task.")
    @ApiResponse(
            responseCode = "202",
            description = "The batch task and one outcome per item.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = BatchView.class)),
            headers = @Header(
                    name = "Location",
                    description = "The path of the task."))
    @BodyProblems
    @ConflictProblem
    @RequestBody(description = "The tasks and how to run them.",
            content = @Content(schema = @Schema(ref = "#/components/schemas/BatchSubmission")))
    @NotFoundProblem
    @Post("/batch")
    public HttpResponse<BatchView> submit(@Body JsonNode body, Authentication authentication) {
        BODY.require(body);
        JsonNode items = body.get("items");
        List<JsonNode> submissions = new ArrayList<>();
        items.values().forEach(submissions::add);
        BatchSubmitter.Submitted submitted = batches.submit(submissions, body.get("concurrency"),
                body.get("onFailure"), body.get("priority"), Caller.of(authentication));
        TaskView batch = views.of(submitted.batch());
        return HttpResponse.accepted(URI.create(batch.links().get("self"))).body(new BatchView(batch, submitted.items()));
    }
}
