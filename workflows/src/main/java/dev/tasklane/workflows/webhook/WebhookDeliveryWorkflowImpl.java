package dev.tasklane.workflows.webhook;

import dev.tasklane.workflows.lifecycle.ShownUrl;
import dev.tasklane.workflows.lifecycle.TaskProgress;
import dev.tasklane.workflows.lifecycle.TaskRun;
import dev.tasklane.workflows.lifecycle.TaskSettings;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;

import java.time.Duration;

/** Delivers through {@link WebhookDeliveryActivities} with the task's own retry policy. */
public class WebhookDeliveryWorkflowImpl implements WebhookDeliveryWorkflow {

    private final TaskRun run = new TaskRun();

    @Override
    public WebhookDeliveryResult deliver(WebhookDeliveryRequest request, TaskSettings settings) {
        WebhookDeliveryActivities activities = Workflow.newActivityStub(WebhookDeliveryActivities.class,
                ActivityOptions.newBuilder()
                        .setStartToCloseTimeout(Duration.ofSeconds(request.timeoutSecondsOrDefault() + 10L))
                        .setHeartbeatTimeout(Duration.ofSeconds(10))
                        .setRetryOptions(settings.retry().toRetryOptions())
                        .setSummary(request.methodOrDefault() + " " + ShownUrl.of(request.url()) + ", up to "
                                + settings.retry().maxAttempts() + " attempts")
                        .build());
        String deliveryId = Workflow.getInfo().getWorkflowId();
        run.enterStep("deliver");
        return run.execute(settings, () -> activities.deliver(request, settings.retry()),
                () -> WebhookDeliveryResult.cancelled(deliveryId, run.attemptsMade()));
    }

    @Override
    public TaskProgress progress() {
        return run.progress();
    }
}
