package dev.tasklane.activities.testing;

import dev.tasklane.activities.store.TaskRow;
import dev.tasklane.workflows.lifecycle.TaskPriority;
import dev.tasklane.workflows.lifecycle.TaskStatus;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Catalog rows for tests that need a task to exist before its activities run. */
public final class TaskRows {

    private TaskRows() {
    }

    public static TaskRow queued(String id, String type) {
        return new TaskRow(id, "default", "anonymous", type, TaskStatus.QUEUED, TaskPriority.NORMAL, "{}",
                "{}", null, null, null, null, 0, null, null, Instant.now().truncatedTo(ChronoUnit.MICROS), null, null,
                null, null);
    }
}
