package dev.tasklane.workflows.batch;

import dev.tasklane.workflows.lifecycle.TaskSettings;
import dev.tasklane.workflows.lifecycle.TaskWorkflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** The {@code batch} task: many child tasks of any type run as child workflows, a bounded number at a time. */
@WorkflowInterface
public interface BatchWorkflow extends TaskWorkflow {

    @WorkflowMethod
    BatchResult run(BatchRequest request, TaskSettings settings);
}
