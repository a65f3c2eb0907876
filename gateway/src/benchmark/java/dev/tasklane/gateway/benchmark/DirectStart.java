package dev.tasklane.gateway.benchmark;

import dev.tasklane.activities.testing.WebhookReceiver;
import dev.tasklane.workflows.lifecycle.TaskSettings;
import dev.tasklane.workflows.webhook.WebhookDeliveryRequest;
import dev.tasklane.workflows.webhook.WebhookDeliveryWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.Priority;
import io.temporal.common.SearchAttributes;

import java.util.Map;
import java.util.UUID;

/**
 * How the direct phase starts a delivery through {@link WorkflowClient}, so that it starts the workflows the REST
 * phase starts: with the options Tasklane started a task of the run with (search attributes, priority and fairness
 * key, the Web UI's summary and details), read back from Temporal, or bare (ID, queue and priority only).
 *
 * @param priority   priority and fairness key
 * @param attributes search attributes, null when bare
 * @param summary    the Web UI's summary, null when bare
 * @param details    the Web UI's details, which name the task read back as {@code sampleId}
 * @param sampleId   the task whose options these are, null when bare
 */
record DirectStart(Priority priority, SearchAttributes attributes, String summary, String details, String sampleId) {

    static final DirectStart BARE = new DirectStart(
            Priority.newBuilder().setPriorityKey(3).setFairnessKey("default").build(), null, null, null, null);

    /** The options Tasklane started {@code taskId} with, as Temporal describes its workflow. */
    static DirectStart asTasklaneStarted(WorkflowClient client, String taskId) {
        WorkflowExecutionDescription started = client.newUntypedWorkflowStub(taskId).describe();
        io.temporal.api.common.v1.Priority priority = started.getWorkflowExecutionInfo().getPriority();
        return new DirectStart(Priority.newBuilder().setPriorityKey(priority.getPriorityKey())
                .setFairnessKey(priority.getFairnessKey()).build(), started.getTypedSearchAttributes(),
                started.getStaticSummary(), started.getStaticDetails(), taskId);
    }

    /** Starts delivery {@code i} to {@code receiver}. */
    void deliver(WorkflowClient client, WebhookReceiver receiver, int i) {
        String id = "webhook-delivery-" + UUID.randomUUID();
        WorkflowOptions.Builder options = WorkflowOptions.newBuilder()
                .setWorkflowId(id)
                .setTaskQueue("tasklane")
                .setPriority(priority);
        if (attributes != null) {
            options.setTypedSearchAttributes(attributes)
                    .setStaticSummary(summary)
                    .setStaticDetails(details.replace(sampleId, id));
        }
        WebhookDeliveryWorkflow workflow = client.newWorkflowStub(WebhookDeliveryWorkflow.class, options.build());
        WorkflowClient.start(workflow::deliver, new WebhookDeliveryRequest(receiver.url("/direct/" + i), null, null,
                Map.of("n", i), null, null), new TaskSettings(null, null));
    }
}
