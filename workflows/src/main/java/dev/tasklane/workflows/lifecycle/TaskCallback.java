package dev.tasklane.workflows.lifecycle;

import io.micronaut.serde.annotation.Serdeable;

/**
 * Where a task's final state goes when it ends: a submission's {@code callbackUrl}, delivered like a webhook.
 *
 * @param url    the receiver
 * @param secret when set (sealed), the delivery is signed with it
 */
@Serdeable
public record TaskCallback(String url, String secret) {
}
