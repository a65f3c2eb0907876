package dev.tasklane.gateway.sync.contractors;

import dev.tasklane.activities.sync.contractors.ContractorRow;
import dev.tasklane.activities.sync.contractors.ContractorStore;
import dev.tasklane.gateway.config.ServesApi;
import dev.tasklane.gateway.openapi.CommonProblems;
import dev.tasklane.gateway.problem.FieldErrors;
import dev.tasklane.gateway.security.Caller;
import dev.tasklane.gateway.security.Roles;
import dev.tasklane.gateway.sync.SyncedPage;
import dev.tasklane.store.KeysetCursor;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

/** {@code GET /api/sync/contractors}: the tenant's synced contractors by name. */
@Tag(name = "sync")
@CommonProblems
@Controller("/api/sync/contractors")
@Secured(Roles.USER)
@ServesApi
@ExecuteOn(TaskExecutors.BLOCKING)
public class ContractorController {

    static final int DEFAULT_LIMIT = 100;
    static final int LARGEST_LIMIT = 1000;

    private final ContractorStore store;

    public ContractorController(ContractorStore store) {
        this.store = store;
    }

    @Operation(operationId = "listContractors", summary = "Synced contractors, a page at a time.")
    @Get
    public SyncedPage<ContractorRow> list(
            @Parameter(description = "Only contractors whose name contains this.")
            @Nullable @QueryValue String name,
            @Parameter(description = "Only the contractor with this tax ID.")
            @Nullable @QueryValue String taxId,
            @Parameter(description = "Only contractors of this kind.", schema = @Schema(implementation = String.class))
            @Nullable @QueryValue String kind,
            @Parameter(description = "Contractors per page, 1-" + LARGEST_LIMIT + " (default " + DEFAULT_LIMIT + ").",
                    schema = @Schema(implementation = Integer.class, minimum = "1", maximum = "" + LARGEST_LIMIT))
            @Nullable @QueryValue String limit,
            @Parameter(description = "The nextCursor of the page before.")
            @Nullable @QueryValue String cursor,
            Authentication authentication) {
        FieldErrors errors = new FieldErrors();
        if (taxId != null && !taxId.matches("\\d{10}|\\d{12}")) {
            errors.add("taxId", "'" + taxId + "' is not a 10 or 12 digit tax number");
        }
        int pageSize = (int) errors.wholeNumber("limit", limit, 1, LARGEST_LIMIT, DEFAULT_LIMIT);
        ContractorStore.After after = null;
        if (cursor != null) {
            after = KeysetCursor.decode(cursor).map(k -> new ContractorStore.After(k.sortKey(), k.id())).orElse(null);
            if (after == null) {
                errors.add("cursor", "is not a cursor this API returned; pass nextCursor from the previous page");
            }
        }
        errors.throwIfAny();
        List<ContractorRow> rows = store.page(Caller.of(authentication).tenant(),
                new ContractorStore.Filter(name, taxId, kind), after, pageSize + 1);
        if (rows.size() <= pageSize) {
            return new SyncedPage<>(rows, null);
        }
        ContractorRow last = rows.get(pageSize - 1);
        return new SyncedPage<>(rows.subList(0, pageSize), new KeysetCursor(last.name(), last.id()).encode());
    }
}
