package dev.tasklane.workflows.cleanup;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Removes finished tasks past their retention and reconciles rows whose workflows were closed from outside. */
@ActivityInterface
public interface CleanupActivities {

    /**
     * Cleans the calling task's tenant, or every tenant when a built-in schedule started it, in batches, each its own
     * transaction. Idempotent: a retried attempt finds less to remove and counts only what it removed itself.
     */
    @ActivityMethod
    CleanupResult clean(CleanupRequest request);
}
