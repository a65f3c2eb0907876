package dev.tasklane.gateway.schedule;

import dev.tasklane.workflows.lifecycle.TaskPriority;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A schedule as clients see it, with its next fire times; {@code payload} has its credentials redacted. */
@Serdeable
public record ScheduleView(String id, String name, String cron, String timezone, String taskType, Object payload,
                           TaskPriority priority, boolean enabled, boolean builtIn, List<Instant> nextFireTimes,
                           Instant createdAt, Instant updatedAt, Map<String, String> links) {
}
