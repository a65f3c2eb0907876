package dev.tasklane.workflows.email;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Sends a templated e-mail over SMTP. */
@ActivityInterface
public interface EmailNotificationActivities {

    /** A recipient, a sender or the message itself the server refused for good (5xx), or a login it refused. */
    String REFUSED = "SmtpRefused";
    /** The template is gone or a placeholder has no value. */
    String TEMPLATE_FAULT = "TemplateFault";

    /**
     * Renders the template and sends the message. Idempotent for receivers: every attempt carries the same Message-ID
     * ({@code <task ID>@tasklane}). Connection failures, timeouts and 4xx replies are retried; 5xx replies are not.
     */
    @ActivityMethod
    EmailNotificationResult send(EmailNotificationRequest request);
}
