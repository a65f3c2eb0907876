package dev.tasklane.gateway.schedule;

import dev.tasklane.workflows.lifecycle.TaskPriority;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A schedule as clients see it: its definition from the store, {@code payload} with its credentials redacted, and
 * from its Temporal Schedule whether it runs, the note of its last pause or resume, and its next fire times.
 */
@Serdeable
public record ScheduleView(String id, String name, String cron, String timezone, String taskType, Object payload,
                           TaskPriority priority, boolean enabled, boolean builtIn, List<Instant> nextFireTimes,
                           Instant createdAt, Instant updatedAt, Map<String, String> links,
                           ScheduleOverlap overlapPolicy, long catchupWindowSeconds, @Nullable String note) {
}
