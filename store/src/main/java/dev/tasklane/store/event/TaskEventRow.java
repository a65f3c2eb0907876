package dev.tasklane.store.event;

import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** One entry of the append-only event log; {@code id} grows with every append. */
@MappedEntity(value = "task_event", escape = false)
public record TaskEventRow(
        @Id @GeneratedValue @Nullable Long id,
        String tenant,
        String owner,
        String taskId,
        String taskType,
        TaskEventType eventType,
        Instant at,
        TaskStatus status,
        @Nullable String progressJson,
        @Nullable String message,
        @Nullable String dataJson) {

    public boolean isTerminal() {
        return status.isTerminal();
    }
}
