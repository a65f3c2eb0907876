package dev.tasklane.workflows.urlcheck;

import dev.tasklane.workflows.lifecycle.ShownUrl;
import dev.tasklane.workflows.lifecycle.TaskProgress;
import dev.tasklane.workflows.lifecycle.TaskRun;
import dev.tasklane.workflows.lifecycle.TaskSettings;
import dev.tasklane.workflows.outbound.OutboundFailures;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;

import java.time.Duration;

/** One activity makes the GET; a refused destination or a 4xx answer is not retried. */
public class UrlCheckWorkflowImpl implements UrlCheckWorkflow {

    private final TaskRun run = new TaskRun();

    @Override
    public Result check(Request request, TaskSettings settings) {
        Activities activities = Workflow.newActivityStub(Activities.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(request.timeoutSecondsOrDefault() + 10L))
                .setRetryOptions(settings.retry().toRetryOptions(OutboundFailures.FORBIDDEN_DESTINATION,
                        OutboundFailures.PERMANENT_REJECTION))
                .setSummary("GET " + ShownUrl.of(request.url()))
                .build());
        run.enterStep("check");
        return run.execute(settings, () -> activities.checkUrl(request, settings.retry()),
                () -> new Result(0, 0, 0, true));
    }

    @Override
    public TaskProgress progress() {
        return run.progress();
    }
}
