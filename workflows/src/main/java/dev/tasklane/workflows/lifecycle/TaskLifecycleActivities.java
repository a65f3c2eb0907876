package dev.tasklane.workflows.lifecycle;

import io.temporal.activity.ActivityInterface;

import java.util.List;

/** Records workflow lifecycle changes in the task store; the workflows call it as a local activity. */
@ActivityInterface
public interface TaskLifecycleActivities {

    /**
     * Moves the task to the event's status and appends the matching event. Idempotent: a move the task's
     * current status does not allow (a repeat after a retry, a late start) writes nothing.
     */
    void recordLifecycle(LifecycleEvent event);

    /** Appends a progress event for a running task, for workflows whose progress no activity reports. */
    void recordProgress(String taskId, TaskProgress progress);

    /** Tells the task's owner, in a notification, that it still awaits something of a person. */
    void remind(String taskId, String message);

    /** The number of the last attempt the task's activities recorded, 0 when none did. Reads only. */
    int attemptsMade(String taskId);

    /** Whether new tasks may start now, or intake is paused. Reads only. */
    boolean intakeOpen();

    /**
     * Records {@code started} as {@link #recordLifecycle} does when new tasks may start now; false, writing nothing,
     * while intake is paused.
     */
    boolean startIfIntakeOpen(LifecycleEvent started);

    /**
     * Records the start as {@link #recordLifecycle} does when intake is open and every limit of the task has room,
     * taking that room; otherwise records, once, that the task is WAITING and why. Idempotent: a task holding its room
     * already is started again without taking more.
     */
    TaskStart.Outcome startWithinLimits(TaskStart start);

    /**
     * Gives back the room a finished task held under its limits and stops it waiting; returns the waiting tasks to
     * wake, at most one per freed slot. Idempotent.
     */
    List<String> releaseLimits(String taskId, List<TaskLimit> limits);
}
