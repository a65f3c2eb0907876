package dev.tasklane.workflows.schedule;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** What a schedule does when it fires. */
@ActivityInterface
public interface ScheduleActivities {

    /**
     * Submits the schedule's task for the fire time {@code fireTime} (an ISO-8601 instant) as a normal task that names
     * the schedule, and returns its task ID, or null when the schedule is gone or paused in the store. Idempotent: the
     * submission's idempotency key is the schedule and the fire time, so a retried attempt finds the task it made.
     */
    @ActivityMethod
    String fire(String scheduleId, String fireTime);
}
