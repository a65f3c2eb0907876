package dev.tasklane.store.schedule;

import dev.tasklane.workflows.lifecycle.TaskPriority;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A recurring schedule's definition as the API last set it: which task to submit (its type, checked payload and
 * settings, as a submission would store them), who owns it, and the timing its Temporal Schedule was given. Temporal
 * owns the timing from then on; {@code enabled} is the state to give a Temporal Schedule that has to be made again.
 */
@MappedEntity(value = "schedule", escape = false)
public record ScheduleRow(
        @Id String id,
        String tenant,
        String name,
        String owner,
        String cron,
        String timezone,
        String taskType,
        String inputJson,
        String settingsJson,
        TaskPriority priority,
        boolean enabled,
        boolean builtIn,
        Instant createdAt,
        Instant updatedAt,
        String overlapPolicy,
        long catchupWindowSeconds) {
}
