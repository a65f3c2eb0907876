package dev.tasklane.workflows.bulk;

import io.temporal.activity.ActivityInterface;

/**
 * The side effects of a bulk action, done by the gateway's task control as the submitter would do them one by one.
 * Idempotent: a page applied again finds its tasks already cancelled, retried (a retried task no longer matches a
 * retry's statuses) or deleted, and skips them.
 */
@ActivityInterface
public interface BulkActionActivities {

    /** How many of its submitter's tasks match the filter and the action's statuses now. */
    long countMatching(String bulkTaskId, BulkActionRequest request);

    /** Applies the action to the page of matching tasks after {@code cursor} (null: the first page). */
    BulkActionPage applyPage(String bulkTaskId, BulkActionRequest request, String cursor);
}
