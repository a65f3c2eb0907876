package dev.tasklane.gateway.tasks;

import dev.tasklane.workflows.lifecycle.TaskError;
import dev.tasklane.workflows.lifecycle.TaskPriority;
import dev.tasklane.workflows.lifecycle.TaskProgress;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.Map;

/** A task as clients see it (see API.md); {@code payload} is its input with credentials redacted. */
@Serdeable
public record TaskView(String id, String type, TaskStatus status, TaskPriority priority, TaskProgress progress,
                       int attempt, Instant createdAt, @Nullable Instant scheduledFor, @Nullable Instant startedAt,
                       @Nullable Instant completedAt, Object payload, @Nullable Object result, @Nullable TaskError error,
                       @Nullable String retryOf, @Nullable String idempotencyKey, @Nullable String scheduleId,
                       Map<String, String> links) {
}
