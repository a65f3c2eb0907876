package dev.tasklane.workflows.document;

import dev.tasklane.workflows.lifecycle.TaskSettings;
import dev.tasklane.workflows.lifecycle.TaskWorkflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** The {@code document-pipeline} task: a stored document classified, extracted, chunked, embedded and linked. */
@WorkflowInterface
public interface DocumentPipelineWorkflow extends TaskWorkflow {

    @WorkflowMethod
    DocumentPipelineResult process(DocumentPipelineRequest request, TaskSettings settings);
}
