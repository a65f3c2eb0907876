package dev.tasklane.workflows.analytics;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Aggregates finished tasks per day and type, and per hour, into the statistics tables. */
@ActivityInterface
public interface AnalyticsActivities {

    /**
     * Aggregates the calling task's tenant, or every tenant when a built-in schedule started it. Idempotent: each day
     * is replaced whole, in one transaction, so a retried attempt writes the same rows.
     */
    @ActivityMethod
    AnalyticsResult aggregate(AnalyticsRequest request);
}
