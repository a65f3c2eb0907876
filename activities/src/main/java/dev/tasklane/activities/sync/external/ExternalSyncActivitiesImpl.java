package dev.tasklane.activities.sync.external;

import dev.tasklane.activities.webhook.WebhookDeliveryActivitiesImpl;
import dev.tasklane.workflows.lifecycle.RetrySettings;
import dev.tasklane.workflows.lifecycle.TaskProgress;
import dev.tasklane.workflows.sync.external.ExternalSyncActivities;
import dev.tasklane.workflows.webhook.WebhookDeliveryRequest;
import dev.tasklane.workflows.webhook.WebhookDeliveryResult;
import jakarta.inject.Singleton;

/** Delivers each part of an external sync the way a webhook delivery is made: same rules, signing and retries. */
@Singleton
public class ExternalSyncActivitiesImpl implements ExternalSyncActivities {

    private final WebhookDeliveryActivitiesImpl delivery;

    public ExternalSyncActivitiesImpl(WebhookDeliveryActivitiesImpl delivery) {
        this.delivery = delivery;
    }

    @Override
    public WebhookDeliveryResult deliverPart(WebhookDeliveryRequest request, String deliveryId, RetrySettings retry,
                                             TaskProgress progress) {
        return delivery.deliverAs(request, retry, deliveryId, progress);
    }
}
