package dev.tasklane.workflows.schedule;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Sleeps until the next fire time, waking early when a signal changes the definition; fires; then continues as new.
 * A fire time missed while no worker ran is fired once, late, and the next one is counted from then.
 */
public class ScheduleWorkflowImpl implements ScheduleWorkflow {

    private final ScheduleActivities schedule = Workflow.newActivityStub(ScheduleActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(30))
                    .setRetryOptions(RetryOptions.newBuilder()
                            .setInitialInterval(Duration.ofSeconds(1))
                            .setMaximumInterval(Duration.ofMinutes(1))
                            .setMaximumAttempts(10)
                            .build())
                    .build());

    private ScheduleSpec spec;
    private int changes;

    @Override
    public void run(ScheduleSpec initial) {
        if (spec == null) {
            spec = initial;
        }
        while (true) {
            int seen = changes;
            Optional<Instant> next = spec.enabled() ? spec.parsedCron().next(now()) : Optional.empty();
            if (next.isEmpty()) {
                Workflow.await(() -> changes != seen);
                continue;
            }
            Duration wait = Duration.between(now(), next.get());
            boolean changed = !wait.isNegative() && Workflow.await(wait, () -> changes != seen);
            if (!changed) {
                fire(next.get());
                Workflow.continueAsNew(spec);
            }
        }
    }

    private void fire(Instant fireTime) {
        try {
            schedule.fire(spec.scheduleId(), fireTime.toString());
        } catch (ActivityFailure failed) {
            // The run failed its checks or the store was down past the retries: the schedule goes on to its next time.
            Workflow.getLogger(ScheduleWorkflowImpl.class).warn("schedule {} could not fire at {}: {}",
                    spec.scheduleId(), fireTime, failed.getCause() == null ? failed : failed.getCause().getMessage());
        }
    }

    @Override
    public void apply(ScheduleSpec changed) {
        spec = changed;
        changes++;
    }

    @Override
    public ScheduleState state() {
        List<String> next = spec.enabled()
                ? spec.parsedCron().next(now(), ScheduleCron.FIRE_TIMES_SHOWN).stream().map(Instant::toString).toList()
                : List.of();
        return new ScheduleState(spec, next);
    }

    private static Instant now() {
        return Instant.ofEpochMilli(Workflow.currentTimeMillis());
    }
}
