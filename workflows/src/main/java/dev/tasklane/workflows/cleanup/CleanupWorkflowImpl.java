package dev.tasklane.workflows.cleanup;

import dev.tasklane.workflows.lifecycle.TaskProgress;
import dev.tasklane.workflows.lifecycle.TaskRun;
import dev.tasklane.workflows.lifecycle.TaskSettings;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;

import java.time.Duration;
import java.util.Map;

/** One heartbeating activity does the work; a cancelled cleanup keeps the batches it finished. */
public class CleanupWorkflowImpl implements CleanupWorkflow {

    private final TaskRun run = new TaskRun();

    @Override
    public CleanupResult clean(CleanupRequest request, TaskSettings settings) {
        CleanupActivities activities = Workflow.newActivityStub(CleanupActivities.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofHours(6))
                .setHeartbeatTimeout(Duration.ofSeconds(30))
                .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
                .setRetryOptions(settings.retry().toRetryOptions())
                .setSummary(request.maxAgeHours() == null ? "delete the finished tasks past their retention"
                        : "delete the tasks that ended over " + request.maxAgeHours() + " h ago")
                .build());
        run.enterStep("cleanup");
        return run.execute(settings, () -> activities.clean(request),
                () -> new CleanupResult(0, Map.of(), 0, 0, false, true));
    }

    @Override
    public TaskProgress progress() {
        return run.progress();
    }
}
