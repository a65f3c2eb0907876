package dev.tasklane.gateway.problem;

import io.micronaut.serde.annotation.Serdeable;

/**
 * One thing wrong with a request: which field, and what to change.
 *
 * @param field   the field's path, such as {@code payload.url} or {@code retry.maxAttempts}
 * @param message what is wrong and what would be right
 */
@Serdeable
public record FieldError(String field, String message) {
}
