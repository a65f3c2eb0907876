package dev.tasklane.activities.email;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.tasklane.activities.progress.ProgressReporter;
import dev.tasklane.activities.testing.ScriptedSmtpServer;
import dev.tasklane.workflows.email.EmailNotificationActivities;
import dev.tasklane.workflows.email.EmailNotificationRequest;
import dev.tasklane.workflows.email.EmailNotificationResult;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** E-mail notifications against an in-process SMTP server on 127.0.0.1, and a scripted one for its refusals. */
@MicronautTest
class EmailNotificationActivitiesTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final Map<String, Map<String, String>> TEMPLATES = Map.of("report", Map.of(
            "subject", "Report for {{ customer }}",
            "text", "Dear {{customer}},\n{{count}} invoices were sent today.\n"));

    @Inject
    ProgressReporter progress;

    private TestActivityEnvironment environment;

    @AfterEach
    void close() {
        if (environment != null) {
            environment.close();
        }
    }

    @Test
    void aTemplatedMessageReachesEveryRecipientWithTheTasksMessageId() throws Exception {
        EmailNotificationResult sent = through(SMTP.getSmtp().getPort()).send(new EmailNotificationRequest(
                List.of("ops@customer.test", "Ana <ana@customer.test>"), List.of("audit@tasklane.test"), "report",
                Map.of("customer", "Acme", "count", 12)));

        MimeMessage[] received = SMTP.getReceivedMessages();
        assertEquals(3, received.length, "one copy per recipient");
        MimeMessage message = received[0];
        assertEquals("Report for Acme", message.getSubject());
        assertEquals("Dear Acme,\r\n12 invoices were sent today.", message.getContent().toString().strip());
        assertEquals("<test-workflow-id@tasklane>", message.getMessageID());
        assertEquals("tasklane@tasklane.test", message.getFrom()[0].toString());
        assertEquals("<test-workflow-id@tasklane>", sent.messageId());
        assertEquals(3, sent.recipients().size());
        assertEquals("Report for Acme", sent.subject());
    }

    @Test
    void aRefusedRecipientEndsTheTaskAndADeferredOneIsRetried() throws Exception {
        try (ScriptedSmtpServer refusing = ScriptedSmtpServer.replying("550 5.1.1 no such user", "250 ok")) {
            ApplicationFailure refused = failure(() -> through(refusing.port()).send(report()));
            assertEquals(EmailNotificationActivities.REFUSED, refused.getType());
            assertTrue(refused.isNonRetryable());
            assertTrue(refused.getOriginalMessage().contains("550"), refused.getOriginalMessage());
        }
        try (ScriptedSmtpServer deferring = ScriptedSmtpServer.replying("250 ok", "451 4.3.0 try again later")) {
            ApplicationFailure deferred = failure(() -> through(deferring.port()).send(report()));
            assertFalse(deferred.isNonRetryable());
            assertTrue(deferred.getOriginalMessage().contains("451"), deferred.getOriginalMessage());
        }
    }

    @Test
    void noServerIsRetriedAndAMissingVariableIsNot() throws Exception {
        int closed;
        try (ServerSocket unused = new ServerSocket(0)) {
            closed = unused.getLocalPort();
        }
        ApplicationFailure unreachable = failure(() -> through(closed).send(report()));
        assertFalse(unreachable.isNonRetryable());
        assertTrue(unreachable.getOriginalMessage().contains("could not be reached"), unreachable.getOriginalMessage());

        ApplicationFailure missing = failure(() -> through(SMTP.getSmtp().getPort()).send(new EmailNotificationRequest(
                List.of("ops@customer.test"), null, "report", Map.of("customer", "Acme"))));
        assertEquals(EmailNotificationActivities.TEMPLATE_FAULT, missing.getType());
        assertTrue(missing.getOriginalMessage().contains("'count'"), missing.getOriginalMessage());
        assertEquals(0, SMTP.getReceivedMessages().length);
    }

    private static EmailNotificationRequest report() {
        return new EmailNotificationRequest(List.of("ops@customer.test"), null, "report",
                Map.of("customer", "Acme", "count", 1));
    }

    private EmailNotificationActivities through(int port) {
        EmailProperties smtp = new EmailProperties("127.0.0.1", port, null, null, "tasklane@tasklane.test", false,
                Duration.ofSeconds(5), TEMPLATES);
        if (environment != null) {
            environment.close();
        }
        environment = TestActivityEnvironment.newInstance();
        environment.registerActivitiesImplementations(new EmailNotificationActivitiesImpl(smtp,
                new EmailTemplates(smtp), progress));
        return environment.newActivityStub(EmailNotificationActivities.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
    }

    private static ApplicationFailure failure(org.junit.jupiter.api.function.Executable send) {
        ActivityFailure failed = assertThrows(ActivityFailure.class, send);
        return assertInstanceOf(ApplicationFailure.class, failed.getCause());
    }
}
