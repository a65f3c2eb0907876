package dev.tasklane.workflows.schedule;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** What a run of a schedule does: submit the schedule's task, see whether it has ended, or cancel it. */
@ActivityInterface
public interface ScheduleActivities {

    /**
     * Submits the schedule's task for the fire time {@code fireTime} (an ISO-8601 instant) as a normal task that names
     * the schedule, and returns its task ID, or null when the schedule is gone from the store. Idempotent: the
     * submission's idempotency key is the schedule and the fire time, so a retried attempt finds the task it made.
     */
    @ActivityMethod
    String fire(String scheduleId, String fireTime);

    /** Whether the task {@code taskId} has ended, however it ended. Idempotent: it only reads. */
    @ActivityMethod
    boolean ended(String taskId);

    /** Asks the task {@code taskId} to cancel, as its schedule's owner. Idempotent: an ended task is left as it is. */
    @ActivityMethod
    void cancel(String scheduleId, String taskId);
}
