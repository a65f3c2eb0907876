package dev.tasklane.workflows.sync.contractors;

import dev.tasklane.workflows.lifecycle.RetrySettings;
import dev.tasklane.workflows.sync.SyncResult;
import io.temporal.activity.ActivityInterface;

/**
 * The pull of a contractor directory into the store, resumable from its heartbeat checkpoint; each page gets
 * {@code retry}'s attempts before the source counts as unavailable.
 */
@ActivityInterface
public interface ContractorsSyncActivities {

    SyncResult syncContractors(ContractorsSyncRequest request, RetrySettings retry);
}
