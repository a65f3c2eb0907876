package dev.tasklane.workflows.schedule;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Submits the task under the key of the fire time the Temporal Schedule gave this run, waits for the task to end,
 * and cancels the task when the run itself is cancelled (overlap policy CANCEL_OTHER).
 */
public class ScheduledRunWorkflowImpl implements ScheduledRunWorkflow {

    /** Set by a Temporal Schedule on every workflow it starts: the fire time, or a backfill's. */
    static final SearchAttributeKey<OffsetDateTime> SCHEDULED_START_TIME =
            SearchAttributeKey.forOffsetDateTime("TemporalScheduledStartTime");

    private final ScheduleActivities submit = Workflow.newActivityStub(ScheduleActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(30))
                    .setRetryOptions(RetryOptions.newBuilder()
                            .setInitialInterval(Duration.ofSeconds(1))
                            .setMaximumInterval(Duration.ofMinutes(1))
                            .setMaximumAttempts(10)
                            .build())
                    .build());

    /** Waits a day per attempt and retries without end: a task may wait for intake and run for a week. */
    private final ScheduleActivities await = Workflow.newActivityStub(ScheduleActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofDays(1))
                    .setHeartbeatTimeout(Duration.ofMinutes(1))
                    .setRetryOptions(RetryOptions.newBuilder()
                            .setInitialInterval(Duration.ofSeconds(1))
                            .setMaximumInterval(Duration.ofMinutes(1))
                            .build())
                    .build());

    @Override
    public String run(String scheduleId) {
        String taskId = submit.fire(scheduleId, fireTime().toString());
        if (taskId == null) {
            return null;
        }
        try {
            await.awaitEnd(taskId);
        } catch (CanceledFailure | ActivityFailure e) {
            if (!CancellationScope.current().isCancelRequested()) {
                throw e;
            }
            Workflow.newDetachedCancellationScope(() -> submit.cancel(scheduleId, taskId)).run();
            throw e;
        }
        return taskId;
    }

    /** The fire time the schedule started this run for; the run's start when something else started it. */
    private static Instant fireTime() {
        OffsetDateTime scheduled = Workflow.getTypedSearchAttributes().get(SCHEDULED_START_TIME);
        return scheduled != null ? scheduled.toInstant()
                : Instant.ofEpochMilli(Workflow.getInfo().getRunStartedTimestampMillis());
    }
}
