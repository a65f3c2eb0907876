package dev.tasklane.store.task;

import dev.tasklane.store.event.TaskChange;
import dev.tasklane.store.event.TaskEventLog;
import dev.tasklane.store.event.TaskEventType;
import dev.tasklane.store.flow.FlowSlots;
import dev.tasklane.workflows.lifecycle.TaskError;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Brings an unfinished catalog row in line with Temporal when the workflow was closed from outside
 * Tasklane (terminated in the Web UI, timed out by the server): Temporal owns execution, so its word wins.
 */
@Singleton
public class TaskReconciler {

    private final WorkflowRuns runs;
    private final TaskEventLog log;
    private final TaskRepository tasks;
    private final FlowSlots slots;

    public TaskReconciler(WorkflowRuns runs, TaskEventLog log, TaskRepository tasks, FlowSlots slots) {
        this.runs = runs;
        this.log = log;
        this.tasks = tasks;
        this.slots = slots;
    }

    /** The row itself when it is finished or Temporal agrees (or does not answer); else the corrected row. */
    public TaskRow reconcile(TaskRow task) {
        if (task.status().isTerminal()) {
            return task;
        }
        Optional<WorkflowExecutionInfo> latest = runs.latest(task.id());
        if (latest.isEmpty()) {
            return task;
        }
        WorkflowExecutionStatus closed = latest.get().getStatus();
        TaskChange change = switch (closed) {
            case WORKFLOW_EXECUTION_STATUS_TERMINATED -> ending(task, TaskStatus.FAILED, TaskEventType.TASK_FAILED,
                    new TaskError("Terminated", "the workflow was terminated outside Tasklane", true));
            case WORKFLOW_EXECUTION_STATUS_TIMED_OUT -> ending(task, TaskStatus.TIMED_OUT, TaskEventType.TASK_FAILED,
                    new TaskError("WorkflowTimedOut", "Temporal timed the workflow out", true));
            case WORKFLOW_EXECUTION_STATUS_FAILED -> ending(task, TaskStatus.FAILED, TaskEventType.TASK_FAILED,
                    new TaskError("WorkflowFailed", "the workflow failed before it could record why", true));
            case WORKFLOW_EXECUTION_STATUS_CANCELED -> ending(task, TaskStatus.CANCELLED,
                    TaskEventType.TASK_CANCELLED, null);
            case WORKFLOW_EXECUTION_STATUS_COMPLETED -> ending(task, TaskStatus.COMPLETED,
                    TaskEventType.TASK_COMPLETED, null);
            default -> null;
        };
        if (change == null) {
            return task;
        }
        log.append(change);
        // its workflow never gave back the room it held under its limits
        slots.forget(task.id());
        return tasks.findById(task.id()).orElse(task);
    }

    private static TaskChange ending(TaskRow task, TaskStatus status, TaskEventType type, TaskError error) {
        String message = error == null ? status.name().toLowerCase(java.util.Locale.ROOT) + " (as Temporal reports)"
                : error.message();
        return new TaskChange(task.id(), type, status, null, message, null, null, null, error, null);
    }
}
