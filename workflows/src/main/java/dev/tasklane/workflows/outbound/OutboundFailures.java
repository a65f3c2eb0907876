package dev.tasklane.workflows.outbound;

/**
 * The failure types of an outbound HTTP call (a webhook, a task's callback, an external sync's part), which
 * workflows name in their retry options.
 */
public final class OutboundFailures {

    /** A refused destination (loopback, private, link-local or metadata address). */
    public static final String FORBIDDEN_DESTINATION = "ForbiddenDestination";
    /** A non-2xx answer that retrying cannot fix. */
    public static final String PERMANENT_REJECTION = "PermanentRejection";
    /** An answer or fault worth retrying (408, 429, 5xx, timeout, connection error). */
    public static final String TRANSIENT_FAILURE = "TransientFailure";

    private OutboundFailures() {
    }
}
