package dev.tasklane.store.event;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * Published in the process that appended an event, once its transaction committed: streams read it at once, and an
 * end is counted once.
 *
 * @param event         the event appended
 * @param taskStartedAt when the task started running, if it had
 */
public record TaskEventAppended(TaskEventRow event, @Nullable Instant taskStartedAt) {
}
