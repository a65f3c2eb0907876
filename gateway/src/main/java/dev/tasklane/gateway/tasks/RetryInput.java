package dev.tasklane.gateway.tasks;

import dev.tasklane.gateway.problem.FieldErrors;
import dev.tasklane.workflows.lifecycle.PayloadField;
import dev.tasklane.workflows.lifecycle.RetrySettings;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A submission's {@code retry} object: any field left out takes its task type's default.
 *
 * @param maxAttempts            attempts in all
 * @param initialIntervalSeconds first backoff
 * @param backoffCoefficient     backoff growth
 * @param maxIntervalSeconds     backoff cap
 */
@Serdeable
public record RetryInput(
        @PayloadField("Attempts in all, 1-100 (default 5).") @Nullable Integer maxAttempts,
        @PayloadField("Seconds before the second attempt, 0.1-3600 (default 1).") @Nullable Double initialIntervalSeconds,
        @PayloadField("Backoff growth per attempt, 1-10 (default 2).") @Nullable Double backoffCoefficient,
        @PayloadField("Longest wait between attempts in seconds, 1-86400 (default 60).") @Nullable Double maxIntervalSeconds) {

    /** The settings with {@code defaults} filled in, or errors (under {@code retry.*}) for values out of range. */
    public RetrySettings toSettings(RetrySettings defaults, FieldErrors errors) {
        int attempts = maxAttempts == null ? defaults.maxAttempts() : maxAttempts;
        double initial = initialIntervalSeconds == null ? defaults.initialIntervalSeconds() : initialIntervalSeconds;
        double coefficient = backoffCoefficient == null ? defaults.backoffCoefficient() : backoffCoefficient;
        double max = maxIntervalSeconds == null ? Math.max(defaults.maxIntervalSeconds(), initial) : maxIntervalSeconds;
        if (attempts < 1 || attempts > 100) {
            errors.add("retry.maxAttempts", "must be between 1 and 100");
        }
        if (initial < 0.1 || initial > 3600) {
            errors.add("retry.initialIntervalSeconds", "must be between 0.1 and 3600");
        }
        if (coefficient < 1 || coefficient > 10) {
            errors.add("retry.backoffCoefficient", "must be between 1 and 10");
        }
        if (max < 1 || max > 86400 || max < initial) {
            errors.add("retry.maxIntervalSeconds", "must be between 1 and 86400 and at least initialIntervalSeconds");
        }
        return new RetrySettings(attempts, initial, coefficient, max);
    }
}
