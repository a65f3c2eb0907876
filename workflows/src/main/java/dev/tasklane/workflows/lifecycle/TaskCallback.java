package dev.tasklane.workflows.lifecycle;

/**
 * Where a task's final state goes when it ends: a submission's {@code callbackUrl}, delivered like a webhook.
 *
 * @param url    the receiver
 * @param secret when set (sealed), the delivery is signed with it
 */
public record TaskCallback(String url, String secret) {
}
