package dev.tasklane.workflows.webhook;

import dev.tasklane.workflows.lifecycle.TaskSettings;
import dev.tasklane.workflows.lifecycle.TaskWorkflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** The {@code webhook-delivery} task: deliver one HTTP request, retrying until it is accepted or refused. */
@WorkflowInterface
public interface WebhookDeliveryWorkflow extends TaskWorkflow {

    @WorkflowMethod
    WebhookDeliveryResult deliver(WebhookDeliveryRequest request, TaskSettings settings);
}
