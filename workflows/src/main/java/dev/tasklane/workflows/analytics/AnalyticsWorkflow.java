package dev.tasklane.workflows.analytics;

import dev.tasklane.workflows.lifecycle.TaskSettings;
import dev.tasklane.workflows.lifecycle.TaskWorkflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** The {@code analytics} task: the statistics tables brought up to date for the last days. */
@WorkflowInterface
public interface AnalyticsWorkflow extends TaskWorkflow {

    @WorkflowMethod
    AnalyticsResult aggregate(AnalyticsRequest request, TaskSettings settings);
}
