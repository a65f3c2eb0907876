package dev.tasklane.workflows.sync.banktransactions;

import dev.tasklane.workflows.lifecycle.PayloadField;
import dev.tasklane.workflows.sync.SyncRun;
import dev.tasklane.workflows.sync.SyncSource;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The {@code bank-transactions-sync} payload: the accounting system's bank statement export and the date range.
 *
 * @param source       the paginated export of bank transactions
 * @param dateFrom     first day to sync (ISO date), sent to the source as {@code dateFrom}
 * @param dateTo       last day to sync (ISO date), sent to the source as {@code dateTo}
 * @param autoClassify whether to assign each transaction a category by the configured rules
 * @param batchSize    records per transaction in the store
 */
@Serdeable
public record BankTransactionsSyncRequest(
        @PayloadField(value = "The accounting system's paginated bank transaction export.", required = true)
        SyncSource source,
        @PayloadField(value = "First day to sync, an ISO date such as 2026-01-01.", required = true) String dateFrom,
        @PayloadField(value = "Last day to sync, an ISO date, not before dateFrom.", required = true) String dateTo,
        @PayloadField("Assign each transaction a category by the configured rules (default true).") Boolean autoClassify,
        @PayloadField("Records written per store transaction, 1-5000 (default 100).") Integer batchSize) {

    public boolean autoClassifyOrDefault() {
        return autoClassify == null || autoClassify;
    }

    public int batchSizeOrDefault() {
        return SyncRun.batchSizeOrDefault(batchSize);
    }
}
