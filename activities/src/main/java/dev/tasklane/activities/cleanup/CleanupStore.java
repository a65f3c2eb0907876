package dev.tasklane.activities.cleanup;

import dev.tasklane.store.Sql;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The cleanup's reads and deletes. A batch of tasks goes with everything kept for them (events, sync checkpoints and
 * failures, notifications) in one transaction, so no event outlives its task and no task loses half its events.
 */
@Singleton
public class CleanupStore {

    /** Tables keyed by task whose rows go with the task. */
    private static final List<String> PER_TASK = List.of("task_event", "sync_failure", "sync_run", "notification");

    private final JdbcOperations jdbc;

    public CleanupStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Up to {@code limit} IDs of tasks that ended {@code status} before {@code endedBefore}, of {@code tenant} or all. */
    @Transactional(readOnly = true)
    public List<String> endedBefore(TaskStatus status, Instant endedBefore, @Nullable String tenant, String keep,
                                    int limit) {
        String sql = "SELECT id FROM task WHERE status = ? AND completed_at < ? AND id <> ?"
                + (tenant == null ? "" : " AND tenant = ?") + " ORDER BY completed_at LIMIT ?";
        return jdbc.prepareStatement(sql, statement -> {
            int i = 1;
            statement.setString(i++, status.name());
            statement.setObject(i++, Sql.utc(endedBefore));
            statement.setString(i++, keep);
            if (tenant != null) {
                statement.setString(i++, tenant);
            }
            statement.setInt(i, limit);
            return ids(statement);
        });
    }

    /** Up to {@code limit} IDs of unfinished tasks created before {@code createdBefore}, after {@code afterId}. */
    @Transactional(readOnly = true)
    public List<String> unfinishedBefore(Instant createdBefore, @Nullable String tenant, String afterId, int limit) {
        List<String> statuses = TaskStatus.unfinished().stream().map(Enum::name).toList();
        String sql = "SELECT id FROM task WHERE status IN (" + "?, ".repeat(statuses.size() - 1) + "?)"
                + " AND created_at < ? AND id > ?" + (tenant == null ? "" : " AND tenant = ?") + " ORDER BY id LIMIT ?";
        return jdbc.prepareStatement(sql, statement -> {
            int i = 1;
            for (String status : statuses) {
                statement.setString(i++, status);
            }
            statement.setObject(i++, Sql.utc(createdBefore));
            statement.setString(i++, afterId);
            if (tenant != null) {
                statement.setString(i++, tenant);
            }
            statement.setInt(i, limit);
            return ids(statement);
        });
    }

    /** Deletes the tasks and what is kept for them; returns how many events went with them. */
    @Transactional
    public long delete(List<String> taskIds) {
        if (taskIds.isEmpty()) {
            return 0;
        }
        String in = "(" + "?, ".repeat(taskIds.size() - 1) + "?)";
        long events = 0;
        for (String table : PER_TASK) {
            int removed = update("DELETE FROM " + table + " WHERE task_id IN " + in, taskIds);
            if (table.equals("task_event")) {
                events = removed;
            }
        }
        update("DELETE FROM task WHERE id IN " + in, taskIds);
        return events;
    }

    private int update(String sql, List<String> args) {
        return jdbc.prepareStatement(sql, statement -> {
            for (int i = 0; i < args.size(); i++) {
                statement.setString(i + 1, args.get(i));
            }
            return statement.executeUpdate();
        });
    }

    private static List<String> ids(PreparedStatement statement) throws SQLException {
        ResultSet result = statement.executeQuery();
        List<String> ids = new ArrayList<>();
        while (result.next()) {
            ids.add(result.getString(1));
        }
        return ids;
    }
}
