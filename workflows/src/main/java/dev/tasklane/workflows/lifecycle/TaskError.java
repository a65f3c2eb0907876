package dev.tasklane.workflows.lifecycle;

import io.micronaut.serde.annotation.Serdeable;

/**
 * Why a task did not complete.
 *
 * @param type      a stable machine-readable kind, such as {@code HttpStatus4xx} or {@code TimedOut}
 * @param message   what happened, for people
 * @param retryable whether running the task again could succeed
 */
@Serdeable
public record TaskError(String type, String message, boolean retryable) {
}
