package dev.tasklane.activities.email;

import dev.tasklane.activities.progress.ProgressReporter;
import dev.tasklane.workflows.email.EmailNotificationActivities;
import dev.tasklane.workflows.email.EmailNotificationRequest;
import dev.tasklane.workflows.email.EmailNotificationResult;
import dev.tasklane.workflows.lifecycle.TaskProgress;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;

/**
 * Renders the template and hands the message to the configured SMTP server. A 5xx reply (a refused recipient, sender
 * or message) or a refused login ends the task; connection failures, timeouts and 4xx replies are retried.
 */
@Singleton
public class EmailNotificationActivitiesImpl implements EmailNotificationActivities {

    private static final String UNAVAILABLE = "SmtpUnavailable";

    private final EmailProperties smtp;
    private final EmailTemplates templates;
    private final ProgressReporter progress;

    public EmailNotificationActivitiesImpl(EmailProperties smtp, EmailTemplates templates, ProgressReporter progress) {
        this.smtp = smtp;
        this.templates = templates;
        this.progress = progress;
    }

    @Override
    public EmailNotificationResult send(EmailNotificationRequest request) {
        ActivityInfo info = Activity.getExecutionContext().getInfo();
        String messageId = "<" + info.getWorkflowId() + "@tasklane>";
        EmailTemplates.Rendered rendered;
        try {
            rendered = templates.render(request.template(), request.variablesOrNone());
        } catch (IllegalArgumentException e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), TEMPLATE_FAULT);
        }
        List<String> recipients = new ArrayList<>(request.to());
        recipients.addAll(request.ccOrNone());
        progress.report(new TaskProgress(null, 0L, (long) recipients.size(), "attempt " + info.getAttempt()
                + ": sending to " + recipients.size() + " recipients", "send", List.of(), null), null);
        try {
            MimeMessage message = new IdentifiedMessage(session(), messageId);
            message.setFrom(new InternetAddress(smtp.from(), true));
            message.setRecipients(Message.RecipientType.TO, addresses(request.to()));
            if (!request.ccOrNone().isEmpty()) {
                message.setRecipients(Message.RecipientType.CC, addresses(request.ccOrNone()));
            }
            message.setSubject(rendered.subject(), StandardCharsets.UTF_8.name());
            message.setText(rendered.text(), StandardCharsets.UTF_8.name());
            message.setSentDate(new Date());
            Transport.send(message);
        } catch (MessagingException e) {
            throw classify(e, smtp.host() + ":" + smtp.port());
        }
        return new EmailNotificationResult(messageId, recipients, rendered.subject(), info.getAttempt());
    }

    private Session session() {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", smtp.host());
        properties.put("mail.smtp.port", Integer.toString(smtp.port()));
        String millis = Long.toString(smtp.timeout().toMillis());
        properties.put("mail.smtp.connectiontimeout", millis);
        properties.put("mail.smtp.timeout", millis);
        properties.put("mail.smtp.writetimeout", millis);
        if (smtp.startTls()) {
            properties.put("mail.smtp.starttls.enable", "true");
            properties.put("mail.smtp.starttls.required", "true");
        }
        if (smtp.username() == null || smtp.username().isBlank()) {
            return Session.getInstance(properties);
        }
        properties.put("mail.smtp.auth", "true");
        return Session.getInstance(properties, new jakarta.mail.Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(smtp.username(), smtp.password());
            }
        });
    }

    private static Address[] addresses(List<String> addresses) throws MessagingException {
        Address[] parsed = new Address[addresses.size()];
        for (int i = 0; i < addresses.size(); i++) {
            parsed[i] = new InternetAddress(addresses.get(i), true);
        }
        return parsed;
    }

    /** A 5xx reply or a refused login for good; anything else (4xx, no connection, a timeout) to be retried. */
    private static ApplicationFailure classify(MessagingException e, String server) {
        if (e instanceof AuthenticationFailedException) {
            return ApplicationFailure.newNonRetryableFailure("the SMTP server refused the login: " + e.getMessage(),
                    REFUSED);
        }
        for (Exception next = e; next != null; next = next instanceof MessagingException m ? m.getNextException()
                : null) {
            int code = replyCode(next);
            if (code >= 500) {
                return ApplicationFailure.newNonRetryableFailure("the SMTP server refused the message (" + code + "): "
                        + next.getMessage().trim(), REFUSED);
            }
            if (code >= 400) {
                return ApplicationFailure.newFailure("the SMTP server deferred the message (" + code + "): "
                        + next.getMessage().trim(), UNAVAILABLE);
            }
        }
        return ApplicationFailure.newFailure("the SMTP server " + server + " could not be reached: " + rootCause(e),
                UNAVAILABLE);
    }

    /** The innermost reason, such as "Connection refused", rather than the wrapper's generic line. */
    private static String rootCause(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof UnknownHostException) {
            return "unknown host " + root.getMessage();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().trim();
    }

    private static int replyCode(Exception e) {
        if (e instanceof SMTPAddressFailedException address) {
            return address.getReturnCode();
        }
        if (e instanceof SMTPSenderFailedException sender) {
            return sender.getReturnCode();
        }
        if (e instanceof SMTPSendFailedException send) {
            return send.getReturnCode();
        }
        return -1;
    }

    /** A message whose Message-ID is the task's, so every attempt sends the same one. */
    private static final class IdentifiedMessage extends MimeMessage {

        private final String messageId;

        IdentifiedMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
