package dev.tasklane.store.task;

import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * What appending an event needs to know of its task, read without the task's (possibly large) input.
 *
 * @param tenant       the task's tenant
 * @param owner        who submitted it
 * @param type         the task's type
 * @param status       its current status
 * @param progressJson its current progress
 * @param runId        the Temporal run whose changes it follows, once one has recorded a change
 * @param startedAt    when it started running, if it has
 */
@Introspected
public record TaskHeader(String tenant, String owner, String type, TaskStatus status, @Nullable String progressJson,
                         @Nullable String runId, @Nullable Instant startedAt) {
}
