package dev.tasklane.workflows.document;

import io.temporal.activity.ActivityInterface;

/**
 * Brings a document submitted by URL into the store before the pipeline's stages read it. Idempotent: a retried or
 * redelivered download replaces the content an earlier attempt stored.
 */
@ActivityInterface
public interface DocumentDownloadActivities {

    /**
     * Error type of a download that will not succeed on a retry: a destination the rules refuse, an answer other
     * than 200 that is not transient, a document larger than the upload limit.
     */
    String UNAVAILABLE = "DocumentUnavailable";
    /** Error type of a download that may succeed later: no answer, a 5xx, 408 or 429, a name that does not resolve. */
    String DOWNLOAD_FAILED = "DocumentDownloadFailed";

    /** Downloads {@code url} under the outbound destination rules as the document's content; returns its size. */
    long download(String documentId, String url);
}
