package dev.tasklane.workflows.email;

import dev.tasklane.workflows.lifecycle.TaskSettings;
import dev.tasklane.workflows.lifecycle.TaskWorkflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** The {@code email-notification} task: one templated e-mail, retried on transient SMTP errors. */
@WorkflowInterface
public interface EmailNotificationWorkflow extends TaskWorkflow {

    @WorkflowMethod
    EmailNotificationResult send(EmailNotificationRequest request, TaskSettings settings);
}
