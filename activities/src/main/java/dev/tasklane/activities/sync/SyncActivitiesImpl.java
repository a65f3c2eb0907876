package dev.tasklane.activities.sync;

import dev.tasklane.workflows.sync.SyncActivities;
import dev.tasklane.workflows.sync.SyncResult;
import io.temporal.activity.Activity;
import jakarta.inject.Singleton;

/** Reads a sync run's ledger for its workflow. */
@Singleton
public class SyncActivitiesImpl implements SyncActivities {

    private final SyncEngine engine;

    public SyncActivitiesImpl(SyncEngine engine) {
        this.engine = engine;
    }

    @Override
    public SyncResult committedSoFar() {
        return engine.committedSoFar(Activity.getExecutionContext().getInfo().getWorkflowId());
    }
}
