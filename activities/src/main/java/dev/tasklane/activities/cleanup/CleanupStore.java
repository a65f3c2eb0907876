package dev.tasklane.activities.cleanup;

import dev.tasklane.store.Sql;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;

/**
 * The cleanup's reads and deletes. A batch of tasks goes with everything kept for them (events, sync checkpoints and
 * failures, notifications) in one transaction, so no event outlives its task and no task loses half its events.
 */
@Singleton
public class CleanupStore {

    /** Tables keyed by task whose rows go with the task. */
    private static final List<String> PER_TASK = List.of("task_event", "sync_failure", "sync_run", "notification");

    private final Sql sql;

    public CleanupStore(Sql sql) {
        this.sql = sql;
    }

    /** Up to {@code limit} IDs of tasks that ended {@code status} before {@code endedBefore}, of {@code tenant} or all. */
    @Transactional(readOnly = true)
    public List<String> endedBefore(TaskStatus status, Instant endedBefore, @Nullable String tenant, String keep,
                                    int limit) {
        return sql.list("SELECT id FROM task WHERE status = ? AND completed_at < ? AND id <> ?"
                + (tenant == null ? "" : " AND tenant = ?") + " ORDER BY completed_at LIMIT ?", row -> row.getString(1),
                status.name(), endedBefore, keep, Sql.optional(tenant), limit);
    }

    /** Up to {@code limit} IDs of unfinished tasks created before {@code createdBefore}, after {@code afterId}. */
    @Transactional(readOnly = true)
    public List<String> unfinishedBefore(Instant createdBefore, @Nullable String tenant, String afterId, int limit) {
        List<String> statuses = TaskStatus.unfinished().stream().map(Enum::name).toList();
        return sql.list("SELECT id FROM task WHERE status IN (" + Sql.marks(statuses.size()) + ")"
                + " AND created_at < ? AND id > ?" + (tenant == null ? "" : " AND tenant = ?") + " ORDER BY id LIMIT ?",
                row -> row.getString(1), statuses, createdBefore, afterId, Sql.optional(tenant), limit);
    }

    /** Deletes the tasks and what is kept for them; returns how many events went with them. */
    @Transactional
    public long delete(List<String> taskIds) {
        if (taskIds.isEmpty()) {
            return 0;
        }
        String in = "(" + Sql.marks(taskIds.size()) + ")";
        long events = 0;
        for (String table : PER_TASK) {
            int removed = sql.update("DELETE FROM " + table + " WHERE task_id IN " + in, taskIds);
            if (table.equals("task_event")) {
                events = removed;
            }
        }
        sql.update("DELETE FROM task WHERE id IN " + in, taskIds);
        return events;
    }
}
