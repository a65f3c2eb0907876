package dev.tasklane.gateway.flow;

import dev.tasklane.gateway.tasks.TaskSubmission;
import dev.tasklane.workflows.lifecycle.PayloadField;

/** The body of {@code POST /api/tasks/{id}/priority}, checked field by field before it is read. */
public record PriorityChange(@PayloadField(value = TaskSubmission.PRIORITY, required = true) String priority) {
}
