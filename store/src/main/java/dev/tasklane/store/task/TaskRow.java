package dev.tasklane.store.task;

import dev.tasklane.workflows.lifecycle.TaskPriority;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A catalog row: one submitted task, its input and the projection of its status and progress. */
@MappedEntity(value = "task", escape = false)
public record TaskRow(
        @Id String id,
        String tenant,
        String owner,
        String type,
        TaskStatus status,
        TaskPriority priority,
        String inputJson,
        String settingsJson,
        @Nullable String resultJson,
        @Nullable String errorJson,
        @Nullable Double progressPercent,
        @Nullable String progressJson,
        int attempt,
        @Nullable String idempotencyKey,
        @Nullable String retryOf,
        Instant createdAt,
        @Nullable Instant scheduledFor,
        @Nullable Instant startedAt,
        @Nullable Instant completedAt,
        @Nullable String scheduleId) {
}
