package dev.tasklane.workflows.sync.external;

import dev.tasklane.workflows.lifecycle.TaskSettings;
import dev.tasklane.workflows.lifecycle.TaskWorkflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** The {@code external-sync} task: records or an event pushed to an automation tool's webhook, in batches. */
@WorkflowInterface
public interface ExternalSyncWorkflow extends TaskWorkflow {

    @WorkflowMethod
    ExternalSyncResult push(ExternalSyncRequest request, TaskSettings settings);
}
