package dev.tasklane.activities.analytics;

import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.time.Instant;

/** What statistics need of a finished task. */
public record FinishedTask(String tenant, String type, TaskStatus status, int attempt, @Nullable Instant startedAt,
                           Instant completedAt) {

    /** How long it ran, or null when it never started. */
    @Nullable
    public Duration ran() {
        return startedAt == null ? null : Duration.between(startedAt, completedAt);
    }
}
