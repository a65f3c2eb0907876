package dev.tasklane.gateway.tasks;

import dev.tasklane.workflows.lifecycle.TaskPriority;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * A submission that passed every check, ready to be written and started.
 *
 * @param type           its task type
 * @param inputJson      the checked payload as stored in the catalog
 * @param priority       its priority
 * @param runAt          when to start, or null for now
 * @param idempotencyKey the client's key, if any
 * @param settingsJson   retry policy and timeout as stored in the catalog
 */
public record ValidSubmission(TaskType<?> type, String inputJson, TaskPriority priority, @Nullable Instant runAt,
                              @Nullable String idempotencyKey, String settingsJson) {
}
