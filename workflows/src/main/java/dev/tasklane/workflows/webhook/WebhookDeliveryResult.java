package dev.tasklane.workflows.webhook;

import io.micronaut.serde.annotation.Serdeable;

/**
 * How a delivery ended.
 *
 * @param deliveryId     the ID every attempt carried in its delivery header
 * @param statusCode     the receiver's final status code, 0 when none was received
 * @param attempts       attempts made
 * @param durationMillis time the successful attempt took
 * @param cancelled      true when the task was cancelled before a delivery succeeded
 */
@Serdeable
public record WebhookDeliveryResult(String deliveryId, int statusCode, int attempts, long durationMillis,
                                    boolean cancelled) {

    public static WebhookDeliveryResult cancelled(String deliveryId, int attempts) {
        return new WebhookDeliveryResult(deliveryId, 0, attempts, 0, true);
    }
}
