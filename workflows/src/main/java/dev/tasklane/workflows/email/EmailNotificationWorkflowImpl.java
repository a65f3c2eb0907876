package dev.tasklane.workflows.email;

import dev.tasklane.workflows.lifecycle.TaskProgress;
import dev.tasklane.workflows.lifecycle.TaskRun;
import dev.tasklane.workflows.lifecycle.TaskSettings;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;

import java.time.Duration;
import java.util.List;

/** Sends through {@link EmailNotificationActivities} with the task's retry policy; refusals are not retried. */
public class EmailNotificationWorkflowImpl implements EmailNotificationWorkflow {

    private final TaskRun run = new TaskRun();

    @Override
    public EmailNotificationResult send(EmailNotificationRequest request, TaskSettings settings) {
        EmailNotificationActivities activities = Workflow.newActivityStub(EmailNotificationActivities.class,
                ActivityOptions.newBuilder()
                        .setStartToCloseTimeout(Duration.ofMinutes(2))
                        .setRetryOptions(settings.retry().toRetryOptions(EmailNotificationActivities.REFUSED,
                                EmailNotificationActivities.TEMPLATE_FAULT))
                        .setSummary("send template '" + request.template() + "' to " + request.to().size()
                                + " recipients" + (request.ccOrNone().isEmpty() ? ""
                                : ", copying " + request.ccOrNone().size()))
                        .build());
        run.enterStep("send");
        return run.execute(settings, () -> activities.send(request),
                () -> new EmailNotificationResult(null, List.of(), null, 0));
    }

    @Override
    public TaskProgress progress() {
        return run.progress();
    }
}
