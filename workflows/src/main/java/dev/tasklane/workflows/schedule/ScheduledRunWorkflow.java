package dev.tasklane.workflows.schedule;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One fire of a Tasklane schedule, started by its Temporal Schedule: submits the schedule's task for the fire time
 * and lasts as long as the task, so the schedule's overlap policy weighs tasks, not submissions.
 */
@WorkflowInterface
public interface ScheduledRunWorkflow {

    /** Returns the ID of the task this fire submitted, or null when the schedule no longer exists. */
    @WorkflowMethod
    String run(String scheduleId);
}
