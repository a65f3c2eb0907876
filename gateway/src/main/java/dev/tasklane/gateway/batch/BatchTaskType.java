package dev.tasklane.gateway.batch;

import dev.tasklane.gateway.problem.FieldErrors;
import dev.tasklane.gateway.tasks.TaskType;
import dev.tasklane.workflows.batch.BatchRequest;
import dev.tasklane.workflows.batch.BatchWorkflow;
import jakarta.inject.Singleton;

/**
 * The {@code batch} task type: children of any type run with bounded concurrency. Its children need catalog rows of
 * their own, so batches come in through {@code POST /api/tasks/batch} and {@code POST /api/documents/bulk}, not as
 * a plain submission.
 */
@Singleton
public class BatchTaskType implements TaskType<BatchRequest> {

    @Override
    public String name() {
        return "batch";
    }

    @Override
    public String description() {
        return "Runs many tasks of any type as one batch, a bounded number at a time, continuing past failures or"
                + " stopping at the first; submit it with POST /api/tasks/batch or POST /api/documents/bulk.";
    }

    @Override
    public Class<BatchRequest> payloadType() {
        return BatchRequest.class;
    }

    @Override
    public Class<?> workflowInterface() {
        return BatchWorkflow.class;
    }

    @Override
    public void validate(BatchRequest payload, FieldErrors errors) {
        errors.add("type", "batches are submitted with POST /api/tasks/batch (any task types) or POST"
                + " /api/documents/bulk (documents), which register every child task");
    }

    @Override
    public String summary(BatchRequest payload) {
        return "batch of " + payload.items().size() + " tasks";
    }
}
