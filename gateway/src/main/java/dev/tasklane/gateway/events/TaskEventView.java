package dev.tasklane.gateway.events;

import dev.tasklane.workflows.lifecycle.TaskProgress;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * An event as clients see it: the SSE {@code data:} object and an entry of a task's log.
 *
 * @param id       the durable event id (also the SSE {@code id:})
 * @param event    the event name (also the SSE {@code event:})
 * @param taskId   the task
 * @param type     the task's type
 * @param at       when it happened
 * @param status   the task's status after it
 * @param progress the task's progress after it
 * @param message  a human line
 * @param data     details, such as one delivery attempt
 */
@Serdeable
public record TaskEventView(long id, String event, String taskId, String type, Instant at, TaskStatus status,
                            @Nullable TaskProgress progress, @Nullable String message, @Nullable Object data) {
}
