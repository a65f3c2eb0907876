package dev.tasklane.gateway.schedule;

import dev.tasklane.gateway.problem.ProblemException;
import dev.tasklane.gateway.problem.ProblemType;
import dev.tasklane.gateway.security.Caller;
import dev.tasklane.gateway.tasks.TaskControl;
import dev.tasklane.gateway.tasks.TaskSubmitter;
import dev.tasklane.store.schedule.ScheduleRepository;
import dev.tasklane.store.schedule.ScheduleRow;
import dev.tasklane.workflows.schedule.ScheduleActivities;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.Set;

/**
 * Submits a schedule's run through the same path as a client's submission (quota, catalog row, workflow start), as
 * the schedule's owner, and tells the run whether its task has ended. It lives beside the API rather than with the
 * other activities because it submits and cancels tasks.
 */
@Singleton
public class ScheduleActivitiesImpl implements ScheduleActivities {

    /** Faults that pass: the tenant's quota, or Temporal or the store being down. */
    private static final Set<ProblemType> TRANSIENT = Set.of(ProblemType.QUOTA_EXCEEDED,
            ProblemType.TEMPORAL_UNAVAILABLE, ProblemType.STORE_UNAVAILABLE);

    private final ScheduleRepository store;
    private final Schedules schedules;
    private final TaskSubmitter submitter;
    private final TaskControl control;
    private final WorkflowClient client;

    public ScheduleActivitiesImpl(ScheduleRepository store, Schedules schedules, TaskSubmitter submitter,
                                  TaskControl control, WorkflowClient client) {
        this.store = store;
        this.schedules = schedules;
        this.submitter = submitter;
        this.control = control;
        this.client = client;
    }

    @Override
    public String fire(String scheduleId, String fireTime) {
        Optional<ScheduleRow> found = store.findById(scheduleId);
        if (found.isEmpty()) {
            return null;
        }
        ScheduleRow schedule = found.get();
        try {
            return submitter.submitScheduled(schedules.submission(schedule, "schedule:" + scheduleId + ":" + fireTime),
                    owner(schedule), scheduleId).task().id();
        } catch (ProblemException refused) {
            String message = "schedule " + schedule.name() + " could not submit its run for " + fireTime + ": "
                    + refused.getMessage();
            throw TRANSIENT.contains(refused.type())
                    ? ApplicationFailure.newFailure(message, refused.type().name())
                    : ApplicationFailure.newNonRetryableFailure(message, refused.type().name());
        }
    }

    @Override
    public boolean ended(String taskId) {
        try {
            return client.newUntypedWorkflowStub(taskId).describe().getStatus()
                    != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
        } catch (WorkflowNotFoundException gone) {
            return true;
        }
    }

    @Override
    public void cancel(String scheduleId, String taskId) {
        Optional<ScheduleRow> schedule = store.findById(scheduleId);
        if (schedule.isEmpty()) {
            return;
        }
        try {
            control.cancel(taskId, owner(schedule.get()));
        } catch (ProblemException ended) {
            if (ended.type() != ProblemType.TASK_STATE_CONFLICT && ended.type() != ProblemType.TASK_NOT_FOUND) {
                throw ended;
            }
        }
    }

    private static Caller owner(ScheduleRow schedule) {
        return Caller.admin(schedule.owner(), schedule.tenant());
    }
}
