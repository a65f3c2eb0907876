package dev.tasklane.workflows.schedule;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One recurring schedule: waits for the cron's next fire time in its zone, submits the schedule's task, and continues
 * as a new run for the next one, so its history stays one fire long. Its workflow ID is the schedule's ID.
 */
@WorkflowInterface
public interface ScheduleWorkflow {

    @WorkflowMethod
    void run(ScheduleSpec spec);

    /** Replaces the definition: a new cron or zone, a pause ({@code enabled} false) or a resume. */
    @SignalMethod
    void apply(ScheduleSpec spec);

    @QueryMethod
    ScheduleState state();
}
