package dev.tasklane.store.event;

import dev.tasklane.workflows.lifecycle.TaskStatus;

/** The kinds of event in the log, named as clients see them in SSE {@code event:} lines. */
public enum TaskEventType {
    TASK_WAITING, TASK_STARTED, PROGRESS_UPDATE, TASK_AWAITING_APPROVAL, TASK_RETRYING, TASK_COMPLETED, TASK_FAILED,
    TASK_CANCELLED;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The event a workflow lifecycle move to {@code status} produces. */
    public static TaskEventType ofLifecycle(TaskStatus status) {
        return switch (status) {
            case WAITING -> TASK_WAITING;
            case RUNNING -> TASK_STARTED;
            case AWAITING_APPROVAL -> TASK_AWAITING_APPROVAL;
            case RETRYING -> TASK_RETRYING;
            case COMPLETED -> TASK_COMPLETED;
            case CANCELLED -> TASK_CANCELLED;
            case FAILED, TIMED_OUT -> TASK_FAILED;
            case SCHEDULED, QUEUED -> PROGRESS_UPDATE;
        };
    }
}
