package dev.tasklane.gateway.sync;

import dev.tasklane.activities.sync.SyncFailure;
import dev.tasklane.activities.sync.SyncStore;
import dev.tasklane.gateway.config.ServesApi;
import dev.tasklane.gateway.openapi.CommonProblems;
import dev.tasklane.gateway.openapi.NotFoundProblem;
import dev.tasklane.gateway.problem.FieldErrors;
import dev.tasklane.gateway.security.Caller;
import dev.tasklane.gateway.security.Roles;
import dev.tasklane.gateway.tasks.VisibleTasks;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

/** {@code GET /api/tasks/{id}/sync-failures}: the records a sync task could not map, with the reasons. */
@Tag(name = "sync")
@CommonProblems
@Controller("/api/tasks/{id}/sync-failures")
@Secured(Roles.USER)
@ServesApi
@ExecuteOn(TaskExecutors.BLOCKING)
public class SyncFailureController {

    static final int DEFAULT_LIMIT = 100;
    static final int LARGEST_LIMIT = 1000;

    /** A page of failures; {@code nextOffset} fetches the next page and is null on the last. */
    @Serdeable
    public record FailurePage(List<SyncFailure> items, @Nullable Integer nextOffset) {
    }

    private final VisibleTasks visible;
    private final SyncStore store;

    public SyncFailureController(VisibleTasks visible, SyncStore store) {
        this.visible = visible;
        this.store = store;
    }

    @Operation(operationId = "listSyncFailures", summary = "A sync task's records that failed.")
    @NotFoundProblem
    @Get
    public FailurePage list(
            @Parameter(description = "The task's ID, as its submission answered.")
            @PathVariable String id,
            @Parameter(description = "Failures to skip (default 0).",
                    schema = @Schema(implementation = Integer.class, minimum = "0"))
            @Nullable @QueryValue String offset,
            @Parameter(description = "Failures per page, 1-" + LARGEST_LIMIT + " (default " + DEFAULT_LIMIT + ").",
                    schema = @Schema(implementation = Integer.class, minimum = "1", maximum = "" + LARGEST_LIMIT))
            @Nullable @QueryValue String limit,
            Authentication authentication) {
        FieldErrors errors = new FieldErrors();
        int from = (int) errors.wholeNumber("offset", offset, 0, Integer.MAX_VALUE, 0);
        int pageSize = (int) errors.wholeNumber("limit", limit, 1, LARGEST_LIMIT, DEFAULT_LIMIT);
        errors.throwIfAny();
        visible.find(id, Caller.of(authentication));
        List<SyncFailure> rows = store.failures(id, from, pageSize + 1);
        return rows.size() <= pageSize ? new FailurePage(rows, null)
                : new FailurePage(rows.subList(0, pageSize), from + pageSize);
    }
}
