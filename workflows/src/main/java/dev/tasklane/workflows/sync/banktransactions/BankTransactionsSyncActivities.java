package dev.tasklane.workflows.sync.banktransactions;

import dev.tasklane.workflows.lifecycle.RetrySettings;
import dev.tasklane.workflows.sync.SyncResult;
import io.temporal.activity.ActivityInterface;

/**
 * The pull of a bank transaction export into the store, resumable from its heartbeat checkpoint; each page gets
 * {@code retry}'s attempts before the source counts as unavailable.
 */
@ActivityInterface
public interface BankTransactionsSyncActivities {

    SyncResult syncBankTransactions(BankTransactionsSyncRequest request, RetrySettings retry);
}
