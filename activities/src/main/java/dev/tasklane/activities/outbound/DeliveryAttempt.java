package dev.tasklane.activities.outbound;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What one delivery attempt did, as recorded in the task's event data.
 *
 * @param attempt          1-based attempt number
 * @param statusCode       the receiver's status code, or null when no answer came
 * @param durationMillis   time from sending to the answer or the fault
 * @param error            the fault or rejection, when the attempt did not succeed
 * @param nextRetrySeconds wait before the next attempt, when there will be one
 */
@Serdeable
public record DeliveryAttempt(int attempt, @Nullable Integer statusCode, long durationMillis, @Nullable String error,
                              @Nullable Double nextRetrySeconds) {
}
