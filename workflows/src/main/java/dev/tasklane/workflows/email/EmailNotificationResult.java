package dev.tasklane.workflows.email;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * An e-mail handed to the SMTP server.
 *
 * @param messageId  its Message-ID, the same on every attempt, so receivers can drop a repeat
 * @param recipients everyone it went to
 * @param subject    the subject as sent
 * @param attempt    the attempt that got it through
 */
@Serdeable
public record EmailNotificationResult(String messageId, List<String> recipients, String subject, int attempt) {
}
