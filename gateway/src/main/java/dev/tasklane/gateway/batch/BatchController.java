package dev.tasklane.gateway.batch;

import dev.tasklane.gateway.config.ServesApi;
import dev.tasklane.gateway.problem.ProblemException;
import dev.tasklane.gateway.security.Caller;
import dev.tasklane.gateway.security.Roles;
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

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** {@code POST /api/tasks/batch}: several submissions in one call, run as one batch task, one result per item. */
@Controller("/api/tasks")
@Secured(Roles.USER)
@ServesApi
@ExecuteOn(TaskExecutors.BLOCKING)
public class BatchController {

    /** The batch task and what became of each item. */
    @Serdeable
    public record BatchView(TaskView batch, List<BatchSubmitter.ItemOutcome> items) {
    }

    private final BatchSubmitter batches;
    private final TaskViews views;

    public BatchController(BatchSubmitter batches, TaskViews views) {
        this.batches = batches;
        this.views = views;
    }

    /** Body {@code {items: [{type, payload, priority?, retry?, timeoutSeconds?}…], concurrency?, onFailure?, priority?}}. */
    @Post("/batch")
    public HttpResponse<BatchView> submit(@Body JsonNode body, Authentication authentication) {
        JsonNode items = body.isObject() ? body.get("items") : null;
        if (items == null || !items.isArray()) {
            throw ProblemException.invalid("items", "must be an array of task submissions {type, payload, …}");
        }
        List<JsonNode> submissions = new ArrayList<>();
        items.values().forEach(submissions::add);
        BatchSubmitter.Submitted submitted = batches.submit(submissions, body.get("concurrency"),
                body.get("onFailure"), body.get("priority"), Caller.of(authentication));
        TaskView batch = views.of(submitted.batch());
        return HttpResponse.accepted(URI.create(batch.links().get("self"))).body(new BatchView(batch, submitted.items()));
    }
}
