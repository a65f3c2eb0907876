package dev.tasklane.gateway.sync.banktransactions;

import dev.tasklane.activities.sync.banktransactions.BankCategoryRules;
import dev.tasklane.activities.sync.banktransactions.BankTransactionRow;
import dev.tasklane.activities.sync.banktransactions.BankTransactionStore;
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

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/** {@code GET /api/sync/bank-transactions}: the tenant's synced bank transactions, newest booking first. */
@Tag(name = "sync")
@CommonProblems
@Controller("/api/sync/bank-transactions")
@Secured(Roles.USER)
@ServesApi
@ExecuteOn(TaskExecutors.BLOCKING)
public class BankTransactionController {

    static final int DEFAULT_LIMIT = 100;
    static final int LARGEST_LIMIT = 1000;

    private final BankTransactionStore store;

    public BankTransactionController(BankTransactionStore store) {
        this.store = store;
    }

    @Operation(operationId = "listBankTransactions", summary = "Synced bank transactions, a page at a time.")
    @Get
    public SyncedPage<BankTransactionRow> list(
            @Parameter(description = "Only transactions booked on or after this ISO date.",
                    schema = @Schema(implementation = String.class, format = "date"))
            @Nullable @QueryValue String dateFrom,
            @Parameter(description = "Only transactions booked on or before this ISO date.",
                    schema = @Schema(implementation = String.class, format = "date"))
            @Nullable @QueryValue String dateTo,
            @Parameter(description = "Only transactions of this category.")
            @Nullable @QueryValue String category,
            @Parameter(description = "Only transactions whose counterparty contains this.")
            @Nullable @QueryValue String counterparty,
            @Parameter(description = "incoming or outgoing.",
                    schema = @Schema(implementation = String.class, allowableValues = {"incoming", "outgoing"}))
            @Nullable @QueryValue String direction,
            @Parameter(description = "Transactions per page, 1-" + LARGEST_LIMIT + " (default " + DEFAULT_LIMIT + ").",
                    schema = @Schema(implementation = Integer.class, minimum = "1", maximum = "" + LARGEST_LIMIT))
            @Nullable @QueryValue String limit,
            @Parameter(description = "The nextCursor of the page before.")
            @Nullable @QueryValue String cursor,
            Authentication authentication) {
        FieldErrors errors = new FieldErrors();
        LocalDate from = date(dateFrom, "dateFrom", errors);
        LocalDate to = date(dateTo, "dateTo", errors);
        if (from != null && to != null && to.isBefore(from)) {
            errors.add("dateTo", "is before dateFrom; give a range that ends on or after its start");
        }
        BankCategoryRules.Direction flow = direction(direction, errors);
        int pageSize = (int) errors.wholeNumber("limit", limit, 1, LARGEST_LIMIT, DEFAULT_LIMIT);
        BankTransactionStore.After after = cursor == null ? null : after(cursor, errors);
        errors.throwIfAny();
        List<BankTransactionRow> rows = store.page(Caller.of(authentication).tenant(),
                new BankTransactionStore.Filter(from, to, category, counterparty, flow), after, pageSize + 1);
        if (rows.size() <= pageSize) {
            return new SyncedPage<>(rows, null);
        }
        BankTransactionRow last = rows.get(pageSize - 1);
        return new SyncedPage<>(rows.subList(0, pageSize),
                new KeysetCursor(last.date().toString(), last.id()).encode());
    }

    private static LocalDate date(@Nullable String text, String field, FieldErrors errors) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(field, "'" + text + "' is not an ISO date; use a form like 2026-01-31");
            return null;
        }
    }

    private static BankCategoryRules.Direction direction(@Nullable String text, FieldErrors errors) {
        if (text == null) {
            return null;
        }
        try {
            return BankCategoryRules.Direction.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add("direction", "'" + text + "' is not a direction; use incoming or outgoing");
            return null;
        }
    }

    private static BankTransactionStore.After after(String cursor, FieldErrors errors) {
        try {
            return KeysetCursor.decode(cursor)
                    .map(k -> new BankTransactionStore.After(LocalDate.parse(k.sortKey()), k.id()))
                    .orElseThrow(IllegalArgumentException::new);
        } catch (RuntimeException e) {
            errors.add("cursor", "is not a cursor this API returned; pass nextCursor from the previous page");
            return null;
        }
    }
}
