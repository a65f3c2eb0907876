package dev.tasklane.workflows.email;

import dev.tasklane.workflows.lifecycle.PayloadField;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/**
 * The {@code email-notification} payload: a named template, filled in with variables, sent to the recipients.
 *
 * @param to        the recipients' addresses
 * @param cc        addresses to copy
 * @param template  the name of a template in {@code tasklane.email.templates}
 * @param variables the values its {@code {{name}}} placeholders take
 */
@Serdeable
public record EmailNotificationRequest(
        @PayloadField(value = "Recipients' addresses, 1-50.", required = true) List<String> to,
        @PayloadField("Addresses to copy, up to 50.") List<String> cc,
        @PayloadField(value = "A template named in tasklane.email.templates.", required = true) String template,
        @PayloadField("Values for the template's {{name}} placeholders.") Map<String, Object> variables) {

    public static final int MOST_RECIPIENTS = 50;

    public Map<String, Object> variablesOrNone() {
        return variables == null ? Map.of() : variables;
    }

    public List<String> ccOrNone() {
        return cc == null ? List.of() : cc;
    }
}
