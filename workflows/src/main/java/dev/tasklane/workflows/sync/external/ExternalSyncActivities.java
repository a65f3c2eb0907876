package dev.tasklane.workflows.sync.external;

import dev.tasklane.workflows.lifecycle.RetrySettings;
import dev.tasklane.workflows.lifecycle.TaskProgress;
import dev.tasklane.workflows.webhook.WebhookDeliveryRequest;
import dev.tasklane.workflows.webhook.WebhookDeliveryResult;
import io.temporal.activity.ActivityInterface;

/** One request of an external sync, delivered with webhook delivery's destination rules, signing and retries. */
@ActivityInterface
public interface ExternalSyncActivities {

    /**
     * Sends {@code request} once per activity attempt; every attempt carries {@code deliveryId}, so a receiver
     * that dedupes on it applies each part once. {@code progress} is the task's progress to report meanwhile.
     */
    WebhookDeliveryResult deliverPart(WebhookDeliveryRequest request, String deliveryId, RetrySettings retry,
                                      TaskProgress progress);
}
