package dev.tasklane.store.event;

import dev.tasklane.workflows.lifecycle.TaskError;
import dev.tasklane.workflows.lifecycle.TaskProgress;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.core.annotation.Nullable;

/**
 * A change to one task: the event to append and what it does to the catalog row.
 *
 * @param taskId    the task
 * @param eventType the event appended
 * @param status    the status the task moves to
 * @param progress  new progress, or null to keep it
 * @param message   the event's human line
 * @param data      event details (attempt, status code, …), any JSON-able value
 * @param attempt   the attempt now running, or null to keep it
 * @param result    the task's result, for a terminal change
 * @param error     why it failed, for a terminal change
 * @param runId     the Temporal run the change comes from, or null for a change made outside the workflow
 */
public record TaskChange(String taskId, TaskEventType eventType, TaskStatus status, @Nullable TaskProgress progress,
                         @Nullable String message, @Nullable Object data, @Nullable Integer attempt,
                         @Nullable Object result, @Nullable TaskError error, @Nullable String runId) {

    public static TaskChange progress(String taskId, TaskStatus status, TaskEventType type, TaskProgress progress,
                                      String message, @Nullable Object data, @Nullable Integer attempt,
                                      String runId) {
        return new TaskChange(taskId, type, status, progress, message, data, attempt, null, null, runId);
    }
}
