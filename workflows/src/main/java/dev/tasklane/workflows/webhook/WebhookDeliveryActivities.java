package dev.tasklane.workflows.webhook;

import dev.tasklane.workflows.lifecycle.RetrySettings;
import io.temporal.activity.ActivityInterface;

/** The side effect of a webhook delivery: one HTTP attempt per activity attempt. */
@ActivityInterface
public interface WebhookDeliveryActivities {

    /** Error type of a refused destination (loopback, private, link-local or metadata address). */
    String FORBIDDEN_DESTINATION = "ForbiddenDestination";
    /** Error type of a non-2xx answer that retrying cannot fix. */
    String PERMANENT_REJECTION = "PermanentRejection";
    /** Error type of an answer or fault worth retrying (408, 429, 5xx, timeout, connection error). */
    String TRANSIENT_FAILURE = "TransientFailure";

    /**
     * Sends the request once. Idempotent for receivers: every attempt of one task carries the same
     * {@code Tasklane-Delivery-Id} header, so a receiver that dedupes on it applies a delivery once however
     * often it is retried or redelivered. A retryable failure carries the next retry delay
     * ({@code Retry-After} or jittered backoff from {@code retry}); a permanent one is non-retryable.
     */
    WebhookDeliveryResult deliver(WebhookDeliveryRequest request, RetrySettings retry);
}
