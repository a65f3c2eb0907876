package dev.tasklane.workflows.schedule;

import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Workflow;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Submits the task under the key of the fire time the Temporal Schedule gave this run, then looks every so often
 * whether the task has ended (a tenth of the time waited so far, from a second up to five minutes, so a week-long task
 * costs about two thousand looks and holds no worker slot meanwhile), and cancels the task when the run itself is
 * cancelled (overlap policy CANCEL_OTHER).
 */
public class ScheduledRunWorkflowImpl implements ScheduledRunWorkflow {

    /** Set by a Temporal Schedule on every workflow it starts: the fire time, or a backfill's. */
    static final SearchAttributeKey<OffsetDateTime> SCHEDULED_START_TIME =
            SearchAttributeKey.forOffsetDateTime("TemporalScheduledStartTime");
    static final Duration FIRST_LOOK = Duration.ofSeconds(1);
    static final Duration LONGEST_LOOK = Duration.ofMinutes(5);

    private final ScheduleActivities schedule = Workflow.newActivityStub(ScheduleActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(30))
                    .setRetryOptions(RetryOptions.newBuilder()
                            .setInitialInterval(Duration.ofSeconds(1))
                            .setMaximumInterval(Duration.ofMinutes(1))
                            .setMaximumAttempts(10)
                            .build())
                    .build());

    private final ScheduleActivities look = Workflow.newLocalActivityStub(ScheduleActivities.class,
            LocalActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(10))
                    .setRetryOptions(RetryOptions.newBuilder()
                            .setInitialInterval(Duration.ofSeconds(1))
                            .setMaximumInterval(Duration.ofMinutes(1))
                            .build())
                    .build());

    @Override
    public String run(String scheduleId) {
        String taskId = schedule.fire(scheduleId, fireTime().toString());
        if (taskId == null) {
            return null;
        }
        try {
            awaitEnd(taskId);
        } catch (CanceledFailure cancelled) {
            Workflow.newDetachedCancellationScope(() -> schedule.cancel(scheduleId, taskId)).run();
            throw cancelled;
        }
        return taskId;
    }

    private void awaitEnd(String taskId) {
        long since = Workflow.currentTimeMillis();
        while (!look.ended(taskId)) {
            Duration waited = Duration.ofMillis(Workflow.currentTimeMillis() - since);
            Duration next = waited.dividedBy(10);
            Workflow.sleep(next.compareTo(FIRST_LOOK) < 0 ? FIRST_LOOK
                    : next.compareTo(LONGEST_LOOK) > 0 ? LONGEST_LOOK : next);
        }
    }

    /** The fire time the schedule started this run for; the run's start when something else started it. */
    private static Instant fireTime() {
        OffsetDateTime scheduled = Workflow.getTypedSearchAttributes().get(SCHEDULED_START_TIME);
        return scheduled != null ? scheduled.toInstant()
                : Instant.ofEpochMilli(Workflow.getInfo().getRunStartedTimestampMillis());
    }
}
