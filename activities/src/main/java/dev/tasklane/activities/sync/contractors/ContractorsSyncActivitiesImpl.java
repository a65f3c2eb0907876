package dev.tasklane.activities.sync.contractors;

import dev.tasklane.activities.sync.SyncEngine;
import dev.tasklane.workflows.lifecycle.RetrySettings;
import dev.tasklane.workflows.sync.SyncResult;
import dev.tasklane.workflows.sync.contractors.ContractorsSyncActivities;
import dev.tasklane.workflows.sync.contractors.ContractorsSyncRequest;
import jakarta.inject.Singleton;

/** Pulls the contractor directory through the sync engine. */
@Singleton
public class ContractorsSyncActivitiesImpl implements ContractorsSyncActivities {

    private final SyncEngine engine;

    public ContractorsSyncActivitiesImpl(SyncEngine engine) {
        this.engine = engine;
    }

    @Override
    public SyncResult syncContractors(ContractorsSyncRequest request, RetrySettings retry) {
        return engine.run(request.source(), new ContractorTarget(), request.batchSizeOrDefault(), retry);
    }
}
