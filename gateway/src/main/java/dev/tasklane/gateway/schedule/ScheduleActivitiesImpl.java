package dev.tasklane.gateway.schedule;

import dev.tasklane.activities.schedule.ScheduleRepository;
import dev.tasklane.activities.schedule.ScheduleRow;
import dev.tasklane.gateway.problem.ProblemException;
import dev.tasklane.gateway.problem.ProblemType;
import dev.tasklane.gateway.security.Caller;
import dev.tasklane.gateway.tasks.TaskSubmitter;
import dev.tasklane.workflows.schedule.ScheduleActivities;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.Set;

/**
 * Submits a schedule's run through the same path as a client's submission (quota, catalog row, workflow start), as
 * the schedule's owner. It lives beside the API rather than with the other activities because it submits tasks.
 */
@Singleton
public class ScheduleActivitiesImpl implements ScheduleActivities {

    /** Faults that pass: the tenant's quota, or Temporal or the store being down. */
    private static final Set<ProblemType> TRANSIENT = Set.of(ProblemType.QUOTA_EXCEEDED,
            ProblemType.TEMPORAL_UNAVAILABLE, ProblemType.STORE_UNAVAILABLE);

    private final ScheduleRepository store;
    private final Schedules schedules;
    private final TaskSubmitter submitter;

    public ScheduleActivitiesImpl(ScheduleRepository store, Schedules schedules, TaskSubmitter submitter) {
        this.store = store;
        this.schedules = schedules;
        this.submitter = submitter;
    }

    @Override
    public String fire(String scheduleId, String fireTime) {
        Optional<ScheduleRow> found = store.findById(scheduleId);
        if (found.isEmpty() || !found.get().enabled()) {
            return null;
        }
        ScheduleRow schedule = found.get();
        Caller owner = Caller.admin(schedule.owner(), schedule.tenant());
        try {
            return submitter.submitScheduled(schedules.submission(schedule, "schedule:" + scheduleId + ":" + fireTime),
                    owner, scheduleId).task().id();
        } catch (ProblemException refused) {
            String message = "schedule " + schedule.name() + " could not submit its run for " + fireTime + ": "
                    + refused.getMessage();
            throw TRANSIENT.contains(refused.type())
                    ? ApplicationFailure.newFailure(message, refused.type().name())
                    : ApplicationFailure.newNonRetryableFailure(message, refused.type().name());
        }
    }
}
