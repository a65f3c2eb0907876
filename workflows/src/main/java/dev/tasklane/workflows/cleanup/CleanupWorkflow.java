package dev.tasklane.workflows.cleanup;

import dev.tasklane.workflows.lifecycle.TaskSettings;
import dev.tasklane.workflows.lifecycle.TaskWorkflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** The {@code cleanup} task: finished tasks past their retention removed, drifted catalog rows set right. */
@WorkflowInterface
public interface CleanupWorkflow extends TaskWorkflow {

    @WorkflowMethod
    CleanupResult clean(CleanupRequest request, TaskSettings settings);
}
