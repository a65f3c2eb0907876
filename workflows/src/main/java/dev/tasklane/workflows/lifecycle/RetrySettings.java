package dev.tasklane.workflows.lifecycle;

import io.micronaut.serde.annotation.Serdeable;
import io.temporal.common.RetryOptions;

import java.time.Duration;

/**
 * A task's retry policy as the client gave it: attempts and exponential backoff.
 *
 * @param maxAttempts            attempts in all, including the first
 * @param initialIntervalSeconds wait before the second attempt
 * @param backoffCoefficient     growth of the wait per attempt
 * @param maxIntervalSeconds     cap on the wait
 */
@Serdeable
public record RetrySettings(int maxAttempts, double initialIntervalSeconds, double backoffCoefficient,
                            double maxIntervalSeconds) {

    public static final RetrySettings DEFAULT = new RetrySettings(5, 1.0, 2.0, 60.0);

    /** The wait before attempt {@code attempt + 1}, without jitter. */
    public Duration backoffAfter(int attempt) {
        double seconds = initialIntervalSeconds * Math.pow(backoffCoefficient, Math.max(0, attempt - 1));
        return Duration.ofMillis(Math.round(Math.min(seconds, maxIntervalSeconds) * 1000));
    }

    /** Temporal retry options with these attempts and intervals; errors of the given types are not retried. */
    public RetryOptions toRetryOptions(String... permanentErrorTypes) {
        return RetryOptions.newBuilder()
                .setMaximumAttempts(maxAttempts)
                .setInitialInterval(Duration.ofMillis(Math.round(initialIntervalSeconds * 1000)))
                .setBackoffCoefficient(backoffCoefficient)
                .setMaximumInterval(Duration.ofMillis(Math.round(maxIntervalSeconds * 1000)))
                .setDoNotRetry(permanentErrorTypes)
                .build();
    }
}
