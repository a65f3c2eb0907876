package dev.tasklane.gateway.email;

import dev.tasklane.activities.email.EmailTemplates;
import dev.tasklane.gateway.problem.FieldErrors;
import dev.tasklane.gateway.security.Roles;
import dev.tasklane.gateway.tasks.TaskType;
import dev.tasklane.gateway.tasks.TaskWorkflowDeclaration;
import dev.tasklane.workflows.email.EmailNotificationActivities;
import dev.tasklane.workflows.email.EmailNotificationRequest;
import dev.tasklane.workflows.email.EmailNotificationResult;
import dev.tasklane.workflows.email.EmailNotificationWorkflow;
import dev.tasklane.workflows.email.EmailNotificationWorkflowImpl;
import jakarta.inject.Singleton;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code email-notification} task type: a configured template, filled in and sent over SMTP. Its variables carry
 * any text to any address, so it takes a MANAGER: a USER could otherwise mail anyone in the platform's name.
 */
@Singleton
public class EmailNotificationTaskType implements TaskType<EmailNotificationRequest> {

    private static final TaskWorkflowDeclaration<EmailNotificationRequest, ?, ?> WORKFLOW =
            new TaskWorkflowDeclaration<>(EmailNotificationRequest.class, EmailNotificationResult.class,
                    EmailNotificationWorkflow.class, EmailNotificationWorkflowImpl.class, workflow -> workflow::send,
                    List.of(EmailNotificationActivities.class));

    private final EmailTemplates templates;

    public EmailNotificationTaskType(EmailTemplates templates) {
        this.templates = templates;
    }

    @Override
    public String name() {
        return "email-notification";
    }

    @Override
    public String description() {
        return "Sends an e-mail made from a named template and its variables through the configured SMTP server,"
                + " retrying deferrals and outages; a refused recipient or message ends it.";
    }

    @Override
    public String requiredRole() {
        return Roles.MANAGER;
    }

    @Override
    public TaskWorkflowDeclaration<EmailNotificationRequest, ?, ?> workflow() {
        return WORKFLOW;
    }

    @Override
    public void validate(EmailNotificationRequest payload, FieldErrors errors) {
        addresses(payload.to(), "payload.to", 1, errors);
        addresses(payload.ccOrNone(), "payload.cc", 0, errors);
        Optional<List<String>> missing = templates.missing(payload.template(), payload.variablesOrNone());
        if (missing.isEmpty()) {
            errors.add("payload.template", "no template '" + payload.template() + "'; configured are "
                    + templates.names());
        } else if (!missing.get().isEmpty()) {
            errors.add("payload.variables", "template '" + payload.template() + "' needs values for "
                    + missing.get());
        }
    }

    @Override
    public String summary(EmailNotificationRequest payload) {
        return "e-mail '" + payload.template() + "' to " + payload.to().size() + " recipients";
    }

    @Override
    public Map<String, String> details(EmailNotificationRequest payload) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Template", payload.template());
        facts.put("Recipients", payload.to().size() + ", " + payload.ccOrNone().size() + " copied");
        return facts;
    }

    private static void addresses(List<String> addresses, String field, int least, FieldErrors errors) {
        if (addresses.size() < least || addresses.size() > EmailNotificationRequest.MOST_RECIPIENTS) {
            errors.add(field, "must list " + least + " to " + EmailNotificationRequest.MOST_RECIPIENTS + " addresses");
            return;
        }
        for (int i = 0; i < addresses.size(); i++) {
            try {
                new InternetAddress(addresses.get(i), true).validate();
            } catch (AddressException e) {
                errors.add(field + "[" + i + "]", "'" + addresses.get(i) + "' is not an e-mail address ("
                        + e.getMessage() + ")");
            }
        }
    }
}
