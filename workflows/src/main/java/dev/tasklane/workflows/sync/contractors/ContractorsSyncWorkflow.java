package dev.tasklane.workflows.sync.contractors;

import dev.tasklane.workflows.lifecycle.TaskSettings;
import dev.tasklane.workflows.lifecycle.TaskWorkflow;
import dev.tasklane.workflows.sync.SyncResult;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** The {@code contractors-sync} task: an accounting system's contractor directory, upserted. */
@WorkflowInterface
public interface ContractorsSyncWorkflow extends TaskWorkflow {

    @WorkflowMethod
    SyncResult sync(ContractorsSyncRequest request, TaskSettings settings);
}
