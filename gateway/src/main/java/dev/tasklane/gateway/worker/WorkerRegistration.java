package dev.tasklane.gateway.worker;

import dev.tasklane.activities.lifecycle.TaskLifecycleActivitiesImpl;
import dev.tasklane.activities.webhook.WebhookDeliveryActivitiesImpl;
import dev.tasklane.workflows.webhook.WebhookDeliveryWorkflowImpl;
import io.temporal.worker.Worker;
import jakarta.inject.Singleton;

/** Every workflow and activity implementation the worker runs, written out in one place. */
@Singleton
public class WorkerRegistration {

    private final TaskLifecycleActivitiesImpl lifecycle;
    private final WebhookDeliveryActivitiesImpl webhookDelivery;

    public WorkerRegistration(TaskLifecycleActivitiesImpl lifecycle, WebhookDeliveryActivitiesImpl webhookDelivery) {
        this.lifecycle = lifecycle;
        this.webhookDelivery = webhookDelivery;
    }

    void registerOn(Worker worker) {
        worker.registerWorkflowImplementationTypes(WebhookDeliveryWorkflowImpl.class);
        worker.registerActivitiesImplementations(lifecycle, webhookDelivery);
    }
}
