package dev.tasklane.workflows.lifecycle;

/**
 * One change in a task's life as the workflow sees it, recorded in the catalog and event log.
 *
 * @param taskId   the task (= workflow ID)
 * @param status   the status the task moves to
 * @param message  a human line for the event
 * @param progress the progress at that moment
 * @param result   the task's result, for a completed (or cancelled) task
 * @param error    why it failed, for a failed or timed-out task
 */
public record LifecycleEvent(String taskId, TaskStatus status, String message, TaskProgress progress,
                             Object result, TaskError error) {
}
