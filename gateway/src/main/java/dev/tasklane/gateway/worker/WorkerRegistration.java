package dev.tasklane.gateway.worker;

import dev.tasklane.activities.lifecycle.TaskLifecycleActivitiesImpl;
import dev.tasklane.activities.document.DocumentPipelineActivitiesImpl;
import dev.tasklane.activities.webhook.WebhookDeliveryActivitiesImpl;
import dev.tasklane.workflows.batch.BatchWorkflowImpl;
import dev.tasklane.workflows.document.DocumentPipelineWorkflowImpl;
import dev.tasklane.workflows.webhook.WebhookDeliveryWorkflowImpl;
import io.temporal.worker.Worker;
import jakarta.inject.Singleton;

/** Every workflow and activity implementation the worker runs, written out in one place. */
@Singleton
public class WorkerRegistration {

    private final TaskLifecycleActivitiesImpl lifecycle;
    private final WebhookDeliveryActivitiesImpl webhookDelivery;
    private final DocumentPipelineActivitiesImpl documentPipeline;

    public WorkerRegistration(TaskLifecycleActivitiesImpl lifecycle, WebhookDeliveryActivitiesImpl webhookDelivery,
                              DocumentPipelineActivitiesImpl documentPipeline) {
        this.lifecycle = lifecycle;
        this.webhookDelivery = webhookDelivery;
        this.documentPipeline = documentPipeline;
    }

    void registerOn(Worker worker) {
        worker.registerWorkflowImplementationTypes(WebhookDeliveryWorkflowImpl.class,
                DocumentPipelineWorkflowImpl.class, BatchWorkflowImpl.class);
        worker.registerActivitiesImplementations(lifecycle, webhookDelivery, documentPipeline);
    }
}
