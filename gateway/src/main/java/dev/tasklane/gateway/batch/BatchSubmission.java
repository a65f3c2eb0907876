package dev.tasklane.gateway.batch;

import dev.tasklane.gateway.tasks.TaskSubmission;
import dev.tasklane.workflows.batch.BatchRequest;
import dev.tasklane.workflows.lifecycle.PayloadField;

import java.util.List;

/** The body of {@code POST /api/tasks/batch}. It is never bound: its fields are checked, then read one by one. */
public record BatchSubmission(
        @PayloadField(value = "The tasks, 1-1000, each as POST /api/tasks takes it; they run as the batch's children.",
                required = true) List<Object> items,
        @PayloadField(BatchRequest.CONCURRENCY) Integer concurrency,
        @PayloadField(BatchRequest.ON_FAILURE) String onFailure,
        @PayloadField(TaskSubmission.PRIORITY) String priority) {
}
