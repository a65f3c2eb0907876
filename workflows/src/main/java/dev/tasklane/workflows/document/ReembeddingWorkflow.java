package dev.tasklane.workflows.document;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Brings every stored vector to the configured embedding model after the model changed, in the background and in
 * batches, while search leaves the chunks not yet done out. One runs at a time, as {@link #WORKFLOW_ID}.
 */
@WorkflowInterface
public interface ReembeddingWorkflow {

    String WORKFLOW_ID = "document-reembedding";

    /** Re-embeds with {@code model} every chunk of another model after {@code afterChunk} (null: from the start). */
    @WorkflowMethod
    int reembed(String model, String afterChunk, int doneBefore);
}
