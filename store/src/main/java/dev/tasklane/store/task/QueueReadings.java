package dev.tasklane.store.task;

import dev.tasklane.store.Sql;
import dev.tasklane.workflows.lifecycle.TaskPriority;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The catalog's numbers on one tenant's queue: what waits and runs by priority, what finished lately, what overran. */
@Singleton
public class QueueReadings {

    /** A task running now, with when it started and its settings (which may bound its run). */
    public record Running(String id, String type, Instant startedAt, String settingsJson) {
    }

    /** A task waiting in the queue, with when it was submitted. */
    public record Waiting(String id, String type, Instant createdAt) {
    }

    private final JdbcOperations jdbc;

    public QueueReadings(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Unfinished tasks counted by priority and status. */
    @Transactional(readOnly = true)
    public Map<TaskPriority, Map<TaskStatus, Long>> unfinished(String tenant) {
        List<String> statuses = TaskStatus.unfinished().stream().map(Enum::name).toList();
        return jdbc.prepareStatement("SELECT priority, status, COUNT(*) FROM task WHERE tenant = ? AND status IN ("
                + "?, ".repeat(statuses.size() - 1) + "?) GROUP BY priority, status", statement -> {
                    statement.setString(1, tenant);
                    for (int i = 0; i < statuses.size(); i++) {
                        statement.setString(i + 2, statuses.get(i));
                    }
                    Map<TaskPriority, Map<TaskStatus, Long>> counts = new EnumMap<>(TaskPriority.class);
                    ResultSet rows = statement.executeQuery();
                    while (rows.next()) {
                        counts.computeIfAbsent(TaskPriority.valueOf(rows.getString(1)),
                                p -> new EnumMap<>(TaskStatus.class)).put(TaskStatus.valueOf(rows.getString(2)),
                                rows.getLong(3));
                    }
                    return counts;
                });
    }

    /** When the longest-waiting QUEUED task was submitted. */
    @Transactional(readOnly = true)
    public Optional<Instant> oldestQueued(String tenant) {
        return jdbc.prepareStatement("SELECT MIN(created_at) FROM task WHERE tenant = ? AND status = ?", statement -> {
            statement.setString(1, tenant);
            statement.setString(2, TaskStatus.QUEUED.name());
            ResultSet row = statement.executeQuery();
            row.next();
            OffsetDateTime at = row.getObject(1, OffsetDateTime.class);
            return Optional.ofNullable(at).map(OffsetDateTime::toInstant);
        });
    }

    /** Tasks that ended since {@code since}, counted by final status. */
    @Transactional(readOnly = true)
    public Map<TaskStatus, Long> finishedSince(String tenant, Instant since) {
        return jdbc.prepareStatement("SELECT status, COUNT(*) FROM task WHERE tenant = ? AND completed_at >= ?"
                + " GROUP BY status", statement -> {
                    statement.setString(1, tenant);
                    statement.setObject(2, Sql.utc(since));
                    Map<TaskStatus, Long> counts = new EnumMap<>(TaskStatus.class);
                    ResultSet rows = statement.executeQuery();
                    while (rows.next()) {
                        counts.put(TaskStatus.valueOf(rows.getString(1)), rows.getLong(2));
                    }
                    return counts;
                });
    }

    /** Tasks running (or retrying) that started before {@code startedBefore}, oldest first, at most {@code limit}. */
    @Transactional(readOnly = true)
    public List<Running> runningSince(String tenant, Instant startedBefore, int limit) {
        return oldestBefore("id, type, started_at, settings_json", "started_at", tenant, startedBefore, limit,
                rows -> new Running(rows.getString(1), rows.getString(2),
                        rows.getObject(3, OffsetDateTime.class).toInstant(), rows.getString(4)),
                TaskStatus.RUNNING, TaskStatus.RETRYING);
    }

    /** QUEUED tasks submitted before {@code createdBefore}, oldest first, at most {@code limit}. */
    @Transactional(readOnly = true)
    public List<Waiting> queuedSince(String tenant, Instant createdBefore, int limit) {
        return oldestBefore("id, type, created_at", "created_at", tenant, createdBefore, limit,
                rows -> new Waiting(rows.getString(1), rows.getString(2),
                        rows.getObject(3, OffsetDateTime.class).toInstant()),
                TaskStatus.QUEUED);
    }

    /** Reads one row of a result. */
    private interface RowReader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    /** The tenant's tasks in {@code statuses} whose {@code column} is before {@code before}, oldest first. */
    private <T> List<T> oldestBefore(String columns, String column, String tenant, Instant before, int limit,
                                     RowReader<T> reader, TaskStatus... statuses) {
        return jdbc.prepareStatement("SELECT " + columns + " FROM task WHERE tenant = ? AND status IN ("
                + "?, ".repeat(statuses.length - 1) + "?) AND " + column + " < ? ORDER BY " + column + " LIMIT ?",
                statement -> {
                    int at = 1;
                    statement.setString(at++, tenant);
                    for (TaskStatus status : statuses) {
                        statement.setString(at++, status.name());
                    }
                    statement.setObject(at++, Sql.utc(before));
                    statement.setInt(at, limit);
                    List<T> found = new ArrayList<>();
                    ResultSet rows = statement.executeQuery();
                    while (rows.next()) {
                        found.add(reader.read(rows));
                    }
                    return found;
                });
    }
}
