package dev.tasklane.activities.webhook;

import dev.tasklane.activities.outbound.HttpDelivery;
import dev.tasklane.activities.outbound.OutboundCall;
import dev.tasklane.workflows.lifecycle.RetrySettings;
import dev.tasklane.workflows.lifecycle.TaskProgress;
import dev.tasklane.workflows.webhook.WebhookDeliveryActivities;
import dev.tasklane.workflows.webhook.WebhookDeliveryRequest;
import dev.tasklane.workflows.webhook.WebhookDeliveryResult;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import jakarta.inject.Singleton;

/** A webhook delivery's attempt, made by the outbound delivery engine under the task's ID. */
@Singleton
public class WebhookDeliveryActivitiesImpl implements WebhookDeliveryActivities {

    private final HttpDelivery delivery;

    public WebhookDeliveryActivitiesImpl(HttpDelivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public WebhookDeliveryResult deliver(WebhookDeliveryRequest request, RetrySettings retry) {
        ActivityInfo info = Activity.getExecutionContext().getInfo();
        int attempt = info.getAttempt();
        return deliverAs(request, retry, info.getWorkflowId(), TaskProgress.NONE.enterStep("validate")
                .enterStep("deliver")
                .counting(attempt, retry.maxAttempts(), "attempt " + attempt + " of " + retry.maxAttempts()));
    }

    /**
     * Makes the current activity attempt of a delivery whose attempts all carry {@code deliveryId}, reporting
     * {@code current} as the task's progress with each attempt's message: for task types that deliver in parts.
     */
    public WebhookDeliveryResult deliverAs(WebhookDeliveryRequest request, RetrySettings retry, String deliveryId,
                                           TaskProgress current) {
        HttpDelivery.Delivered delivered = delivery.deliver(new OutboundCall(request.url(), request.methodOrDefault(),
                request.headers(), request.body(), request.secret(), request.timeoutSecondsOrDefault()), retry,
                deliveryId, current);
        return new WebhookDeliveryResult(deliveryId, delivered.statusCode(), delivered.attempt(), delivered.millis(),
                false);
    }
}
