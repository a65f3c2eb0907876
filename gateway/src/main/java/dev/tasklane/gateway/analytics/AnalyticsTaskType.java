package dev.tasklane.gateway.analytics;

import dev.tasklane.gateway.problem.FieldErrors;
import dev.tasklane.gateway.security.Roles;
import dev.tasklane.gateway.tasks.TaskType;
import dev.tasklane.gateway.tasks.TaskWorkflowDeclaration;
import dev.tasklane.workflows.analytics.AnalyticsActivities;
import dev.tasklane.workflows.analytics.AnalyticsRequest;
import dev.tasklane.workflows.analytics.AnalyticsResult;
import dev.tasklane.workflows.analytics.AnalyticsWorkflow;
import dev.tasklane.workflows.analytics.AnalyticsWorkflowImpl;
import jakarta.inject.Singleton;

import java.util.List;

/** The {@code analytics} task type: a MANAGER's, since it aggregates the whole tenant. */
@Singleton
public class AnalyticsTaskType implements TaskType<AnalyticsRequest> {

    public static final String NAME = "analytics";

    private static final TaskWorkflowDeclaration<AnalyticsRequest, ?, ?> WORKFLOW =
            new TaskWorkflowDeclaration<>(AnalyticsRequest.class, AnalyticsResult.class, AnalyticsWorkflow.class,
                    AnalyticsWorkflowImpl.class, workflow -> workflow::aggregate, List.of(AnalyticsActivities.class));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Aggregates finished tasks per day and type (count, success rate, average and p95 duration, retries,"
                + " throughput) and per hour into the statistics tables behind /api/stats/throughput and /weekly.";
    }

    @Override
    public TaskWorkflowDeclaration<AnalyticsRequest, ?, ?> workflow() {
        return WORKFLOW;
    }

    @Override
    public String requiredRole() {
        return Roles.MANAGER;
    }

    @Override
    public void validate(AnalyticsRequest payload, FieldErrors errors) {
        if (payload.days() != null && (payload.days() < 1 || payload.days() > AnalyticsRequest.LONGEST)) {
            errors.add("payload.days", "must be a whole number from 1 to " + AnalyticsRequest.LONGEST);
        }
    }

    @Override
    public String summary(AnalyticsRequest payload) {
        return "outcomes of the last " + payload.daysOrDefault() + " days";
    }
}
