package dev.tasklane.workflows.webhook;

import dev.tasklane.workflows.lifecycle.RetrySettings;
import dev.tasklane.workflows.outbound.OutboundFailures;
import io.temporal.activity.ActivityInterface;

/** The side effect of a webhook delivery: one HTTP attempt per activity attempt. */
@ActivityInterface
public interface WebhookDeliveryActivities {

    /**
     * Sends the request once. Idempotent for receivers: every attempt of one task carries the same
     * {@code Tasklane-Delivery-Id} header, so a receiver that dedupes on it applies a delivery once however
     * often it is retried or redelivered. A retryable failure carries the next retry delay
     * ({@code Retry-After} or jittered backoff from {@code retry}); a permanent one is non-retryable. Its failure types
     * are {@link OutboundFailures}'.
     */
    WebhookDeliveryResult deliver(WebhookDeliveryRequest request, RetrySettings retry);
}
