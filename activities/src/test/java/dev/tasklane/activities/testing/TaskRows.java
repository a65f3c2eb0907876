package dev.tasklane.activities.testing;

import dev.tasklane.store.task.TaskRow;
import dev.tasklane.workflows.lifecycle.TaskPriority;
import dev.tasklane.workflows.lifecycle.TaskStatus;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Catalog rows for tests that need a task to exist before its activities run. */
public final class TaskRows {

    private TaskRows() {
    }

    /** A task of {@code tenant} that ended {@code status} at {@code endedAt}, a second after it started. */
    public static TaskRow ended(String id, String tenant, TaskStatus status, Instant endedAt) {
        Instant ended = endedAt.truncatedTo(ChronoUnit.MICROS);
        return new TaskRow(id, tenant, "anonymous", "webhook-delivery", status, TaskPriority.NORMAL, "{}", "{}", null,
                null, null, null, 1, null, null, ended.minusSeconds(2), null, ended.minusSeconds(1), ended, null);
    }

    public static TaskRow queued(String id, String type) {
        return queued(id, type, "default");
    }

    public static TaskRow queued(String id, String type, String tenant) {
        return new TaskRow(id, tenant, "anonymous", type, TaskStatus.QUEUED, TaskPriority.NORMAL, "{}",
                "{}", null, null, null, null, 0, null, null, Instant.now().truncatedTo(ChronoUnit.MICROS), null, null,
                null, null);
    }
}
