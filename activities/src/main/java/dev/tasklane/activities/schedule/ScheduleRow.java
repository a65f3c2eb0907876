package dev.tasklane.activities.schedule;

import dev.tasklane.workflows.lifecycle.TaskPriority;
import dev.tasklane.workflows.schedule.ScheduleSpec;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A recurring schedule as the store keeps it: which task to submit (its type, checked payload and settings, as a
 * submission would store them) and when.
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
        Instant updatedAt) {

    /** What the schedule's workflow needs of it. */
    public ScheduleSpec spec() {
        return new ScheduleSpec(id, name, cron, timezone, enabled);
    }
}
