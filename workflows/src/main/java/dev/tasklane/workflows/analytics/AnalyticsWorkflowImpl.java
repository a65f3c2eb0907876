package dev.tasklane.workflows.analytics;

import dev.tasklane.workflows.lifecycle.TaskProgress;
import dev.tasklane.workflows.lifecycle.TaskRun;
import dev.tasklane.workflows.lifecycle.TaskSettings;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;

import java.time.Duration;

/** One heartbeating activity aggregates day by day; a cancelled run keeps the days it finished. */
public class AnalyticsWorkflowImpl implements AnalyticsWorkflow {

    private final TaskRun run = new TaskRun();

    @Override
    public AnalyticsResult aggregate(AnalyticsRequest request, TaskSettings settings) {
        AnalyticsActivities activities = Workflow.newActivityStub(AnalyticsActivities.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofHours(2))
                .setHeartbeatTimeout(Duration.ofSeconds(30))
                .setRetryOptions(settings.retry().toRetryOptions())
                .setSummary("aggregate the finished tasks of the last " + request.daysOrDefault() + " days")
                .build());
        run.enterStep("aggregate");
        return run.execute(settings, () -> activities.aggregate(request),
                () -> new AnalyticsResult(request.daysOrDefault(), 0, 0, 0, false));
    }

    @Override
    public TaskProgress progress() {
        return run.progress();
    }
}
