package dev.tasklane.workflows.sync;

import io.temporal.activity.ActivityInterface;

/** What every sync shares beside its own pull: the ledger of what a sync run has committed. */
@ActivityInterface
public interface SyncActivities {

    /** Error type of a page the source sent that is not what its settings describe; not retried. */
    String MALFORMED_PAGE = "MalformedPage";
    /** Error type of a source that kept failing (5xx, 429, timeouts) through all of a page's attempts. */
    String SOURCE_UNAVAILABLE = "SourceUnavailable";
    /** Error type of a source the destination rules refuse, or that answers with a permanent error. */
    String SOURCE_REFUSED = "SourceRefused";

    /** What the calling task's sync has committed so far, marked cancelled: the result of a cancelled sync. */
    SyncResult committedSoFar();
}
