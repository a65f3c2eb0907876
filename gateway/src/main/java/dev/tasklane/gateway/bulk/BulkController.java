package dev.tasklane.gateway.bulk;

import dev.tasklane.gateway.config.ServesApi;
import dev.tasklane.gateway.openapi.BodyProblems;
import dev.tasklane.gateway.openapi.CommonProblems;
import dev.tasklane.gateway.problem.FieldErrors;
import dev.tasklane.gateway.problem.ProblemException;
import dev.tasklane.gateway.problem.ProblemType;
import dev.tasklane.gateway.security.Caller;
import dev.tasklane.gateway.security.Roles;
import dev.tasklane.gateway.tasks.PayloadSchema;
import dev.tasklane.gateway.tasks.SubmissionReader;
import dev.tasklane.gateway.tasks.TaskSubmitController;
import dev.tasklane.gateway.tasks.TaskSubmitter;
import dev.tasklane.gateway.tasks.TaskTypes;
import dev.tasklane.gateway.tasks.TaskView;
import dev.tasklane.gateway.tasks.TaskViews;
import dev.tasklane.gateway.tasks.ValidSubmission;
import dev.tasklane.store.JsonColumns;
import dev.tasklane.store.task.TaskCatalog;
import dev.tasklane.workflows.bulk.BulkActionRequest;
import dev.tasklane.workflows.lifecycle.TaskPriority;
import dev.tasklane.workflows.lifecycle.TaskSettings;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
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

import java.time.Instant;
import java.util.List;

/**
 * {@code POST /api/tasks/bulk}: cancel, retry or delete every task matching a filter (a USER's own, a MANAGER's
 * tenant's; deleting is an ADMIN's), as one {@code bulk-action} task with its own progress; or, as a dry run, count
 * them first.
 */
@Tag(name = "tasks")
@CommonProblems
@Controller("/api/tasks/bulk")
@Secured(Roles.USER)
@ServesApi
@ExecuteOn(TaskExecutors.BLOCKING)
public class BulkController {

    private static final PayloadSchema BODY = PayloadSchema.of(BulkSubmission.class);
    private static final List<String> ACTIONS = List.of(BulkActionRequest.CANCEL, BulkActionRequest.RETRY,
            BulkActionRequest.DELETE);

    /**
     * A dry run's answer.
     *
     * @param action  the action asked about
     * @param matched the tasks it would act on now
     */
    @Serdeable
    public record BulkPreview(String action, long matched) {
    }

    private final TaskTypes types;
    private final TaskCatalog catalog;
    private final TaskSubmitter submitter;
    private final BulkActionTaskType bulkType;
    private final TaskViews views;
    private final JsonColumns json;

    public BulkController(TaskTypes types, TaskCatalog catalog, TaskSubmitter submitter, BulkActionTaskType bulkType,
                          TaskViews views, JsonColumns json) {
        this.types = types;
        this.catalog = catalog;
        this.submitter = submitter;
        this.bulkType = bulkType;
        this.views = views;
        this.json = json;
    }

    @Operation(operationId = "bulkAction",
            summary = "Cancels, retries or deletes every task matching a filter as one tracked task, or counts them.")
    @ApiResponse(responseCode = "202", description = "The bulk-action task, whose progress counts the tasks done.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TaskView.class)),
            headers = @Header(name = "Location", description = "The path of the bulk-action task."))
    @ApiResponse(responseCode = "200", description = "A dry run: how many tasks match now.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = BulkPreview.class)))
    @BodyProblems
    @RequestBody(required = true, description = "The action and the filter.",
            content = @Content(schema = @Schema(ref = "#/components/schemas/BulkSubmission")))
    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<?> submit(@Body JsonNode body, Authentication authentication) {
        BODY.require(body);
        Caller caller = Caller.of(authentication);
        BulkActionRequest request = read(body, caller);
        JsonNode dryRun = body.get("dryRun");
        if (dryRun != null && dryRun.isBoolean() && dryRun.getBooleanValue()) {
            return HttpResponse.ok(new BulkPreview(request.action(),
                    catalog.count(BulkFilters.matching(request, caller, ""))));
        }
        ValidSubmission bulk = new ValidSubmission(bulkType, json.write(request), TaskPriority.NORMAL, null, null,
                json.write(new TaskSettings(null, null)));
        return TaskSubmitController.answer(submitter.submit(bulk, caller), views);
    }

    /** The request the body stands for, each fault a 400 naming its field; deleting is a 403 for all but an ADMIN. */
    private BulkActionRequest read(JsonNode body, Caller caller) {
        FieldErrors errors = new FieldErrors();
        String action = SubmissionReader.text(body, "action");
        if (!ACTIONS.contains(action)) {
            errors.add("action", "must be cancel, retry or delete");
        }
        String type = SubmissionReader.text(body, "type");
        if (type != null) {
            types.known(type, "type", errors);
        }
        TaskStatus status = SubmissionReader.status(SubmissionReader.text(body, "status"), errors);
        if (status != null && ACTIONS.contains(action) && !BulkFilters.statusesOf(action).contains(status)) {
            errors.add("status", "is " + status + ", which " + action + " does not apply to; give one of "
                    + BulkFilters.statusesOf(action) + " or leave it out");
        }
        Instant from = errors.instant("from", SubmissionReader.text(body, "from"));
        Instant to = errors.instant("to", SubmissionReader.text(body, "to"));
        if (from != null && to != null && !from.isBefore(to)) {
            errors.add("to", "must be after from");
        }
        errors.throwIfAny();
        if (BulkActionRequest.DELETE.equals(action) && !caller.has(Roles.ADMIN)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "deleting tasks needs role ADMIN; your token grants "
                    + caller.roles());
        }
        return new BulkActionRequest(action, type, status == null ? null : status.name(), from, to,
                List.copyOf(caller.roles()));
    }
}
