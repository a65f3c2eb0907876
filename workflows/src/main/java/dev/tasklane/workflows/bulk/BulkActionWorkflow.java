package dev.tasklane.workflows.bulk;

import dev.tasklane.workflows.lifecycle.TaskSettings;
import dev.tasklane.workflows.lifecycle.TaskWorkflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** The {@code bulk-action} task: cancel, retry or delete every task matching a filter, as one tracked operation. */
@WorkflowInterface
public interface BulkActionWorkflow extends TaskWorkflow {

    @WorkflowMethod
    BulkActionResult run(BulkActionRequest request, TaskSettings settings);
}
