package dev.tasklane.workflows.document;

import dev.tasklane.workflows.lifecycle.ReviewDecision;
import dev.tasklane.workflows.lifecycle.TaskRun;
import dev.tasklane.workflows.lifecycle.TaskSettings;
import dev.tasklane.workflows.lifecycle.TaskWorkflow;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** The {@code document-pipeline} task: a stored document classified, extracted, chunked, embedded and linked. */
@WorkflowInterface
public interface DocumentPipelineWorkflow extends TaskWorkflow {

    @WorkflowMethod
    DocumentPipelineResult process(DocumentPipelineRequest request, TaskSettings settings);

    /** A person's review of a document awaiting approval ({@code review: required}), sent by {@code reviewer}. */
    @UpdateMethod(name = TaskRun.REVIEW)
    ReviewDecision.Outcome review(ReviewDecision decision, String reviewer);

    /** Refuses a review while the document awaits none, or one that is neither approve nor reject. */
    @UpdateValidatorMethod(updateName = TaskRun.REVIEW)
    void checkReview(ReviewDecision decision, String reviewer);
}
