package dev.tasklane.gateway.sync.banktransactions;

import dev.tasklane.gateway.problem.FieldErrors;
import dev.tasklane.gateway.security.Roles;
import dev.tasklane.gateway.sync.SyncSourceCheck;
import dev.tasklane.gateway.tasks.TaskType;
import dev.tasklane.gateway.tasks.TaskWorkflowDeclaration;
import dev.tasklane.workflows.lifecycle.ShownUrl;
import dev.tasklane.workflows.sync.SyncActivities;
import dev.tasklane.workflows.sync.SyncResult;
import dev.tasklane.workflows.sync.banktransactions.BankTransactionsSyncActivities;
import dev.tasklane.workflows.sync.banktransactions.BankTransactionsSyncRequest;
import dev.tasklane.workflows.sync.banktransactions.BankTransactionsSyncWorkflow;
import dev.tasklane.workflows.sync.banktransactions.BankTransactionsSyncWorkflowImpl;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code bank-transactions-sync} task type: an accounting system's bank statement for a date range. */
@Singleton
public class BankTransactionsSyncTaskType implements TaskType<BankTransactionsSyncRequest> {

    private static final TaskWorkflowDeclaration<BankTransactionsSyncRequest, ?, ?> WORKFLOW =
            new TaskWorkflowDeclaration<>(BankTransactionsSyncRequest.class, SyncResult.class,
                    BankTransactionsSyncWorkflow.class, BankTransactionsSyncWorkflowImpl.class,
                    workflow -> workflow::sync, List.of(BankTransactionsSyncActivities.class, SyncActivities.class));

    static final long LONGEST_RANGE_DAYS = 5 * 366;

    private final SyncSourceCheck sources;

    public BankTransactionsSyncTaskType(SyncSourceCheck sources) {
        this.sources = sources;
    }

    @Override
    public String name() {
        return "bank-transactions-sync";
    }

    @Override
    public String description() {
        return "Pulls an accounting system's bank transactions for a date range from its paginated export into the"
                + " store, upserting by document id in batches, resumable after a crash, optionally classified.";
    }

    @Override
    public TaskWorkflowDeclaration<BankTransactionsSyncRequest, ?, ?> workflow() {
        return WORKFLOW;
    }

    @Override
    public String requiredRole() {
        return Roles.MANAGER;
    }

    @Override
    public void validate(BankTransactionsSyncRequest payload, FieldErrors errors) {
        sources.check(payload.source(), payload.batchSize(), errors);
        LocalDate from = date(payload.dateFrom(), "payload.dateFrom", errors);
        LocalDate to = date(payload.dateTo(), "payload.dateTo", errors);
        if (from != null && to != null) {
            if (to.isBefore(from)) {
                errors.add("payload.dateTo", "is before dateFrom (" + from + "); give a range that ends on or after"
                        + " its start");
            } else if (ChronoUnit.DAYS.between(from, to) > LONGEST_RANGE_DAYS) {
                errors.add("payload.dateTo", "is more than five years after dateFrom; sync a long history in parts");
            }
        }
    }

    @Nullable
    private static LocalDate date(String text, String field, FieldErrors errors) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(field, "'" + text + "' is not an ISO date; use a form like 2026-01-31");
            return null;
        }
    }

    @Override
    public String summary(BankTransactionsSyncRequest payload) {
        return "bank transactions " + payload.dateFrom() + " to " + payload.dateTo() + " from "
                + ShownUrl.of(payload.source().url());
    }

    @Override
    public Map<String, String> details(BankTransactionsSyncRequest payload) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Source", ShownUrl.of(payload.source().url()));
        facts.put("Days", payload.dateFrom() + " to " + payload.dateTo());
        facts.put("Categories", payload.autoClassifyOrDefault() ? "assigned by the rules" : "not assigned");
        return facts;
    }
}
