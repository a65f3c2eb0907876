package dev.tasklane.store.notification;

import dev.tasklane.store.Sql;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * In-app notifications of finished tasks, one for the task's owner each time a task ends (completed, failed, timed
 * out or cancelled), written in the transaction that records the end, so none is lost and none is made twice.
 */
@Singleton
public class Notifications {

    private static final int LONGEST_MESSAGE = 2000;

    /** One notification. */
    @Serdeable
    public record Notification(long id, String taskId, String taskType, TaskStatus status, @Nullable String message,
                               Instant createdAt, @Nullable Instant readAt) {
    }

    private final JdbcOperations jdbc;

    public Notifications(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Notes that the task ended; call inside the transaction that records the end. */
    public void taskEnded(String tenant, String owner, String taskId, String taskType, TaskStatus status,
                          @Nullable String message, Instant at) {
        jdbc.prepareStatement("INSERT INTO notification (tenant, owner, task_id, task_type, status, message, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", statement -> {
                    statement.setString(1, tenant);
                    statement.setString(2, owner);
                    statement.setString(3, taskId);
                    statement.setString(4, taskType);
                    statement.setString(5, status.name());
                    statement.setString(6, message == null || message.length() <= LONGEST_MESSAGE ? message
                            : message.substring(0, LONGEST_MESSAGE));
                    statement.setObject(7, Sql.utc(at));
                    return statement.executeUpdate();
                });
    }

    /** The owner's notifications, newest first, before {@code beforeId} (0 for the newest). */
    @Transactional(readOnly = true)
    public List<Notification> of(String tenant, String owner, boolean unreadOnly, long beforeId, int limit) {
        return jdbc.prepareStatement("SELECT id, task_id, task_type, status, message, created_at, read_at FROM"
                + " notification WHERE tenant = ? AND owner = ?" + (beforeId > 0 ? " AND id < ?" : "")
                + (unreadOnly ? " AND read_at IS NULL" : "") + " ORDER BY id DESC LIMIT ?", statement -> {
                    int i = 1;
                    statement.setString(i++, tenant);
                    statement.setString(i++, owner);
                    if (beforeId > 0) {
                        statement.setLong(i++, beforeId);
                    }
                    statement.setInt(i, limit);
                    List<Notification> found = new ArrayList<>();
                    ResultSet rows = statement.executeQuery();
                    while (rows.next()) {
                        OffsetDateTime read = rows.getObject(7, OffsetDateTime.class);
                        found.add(new Notification(rows.getLong(1), rows.getString(2), rows.getString(3),
                                TaskStatus.valueOf(rows.getString(4)), rows.getString(5),
                                rows.getObject(6, OffsetDateTime.class).toInstant(),
                                read == null ? null : read.toInstant()));
                    }
                    return found;
                });
    }

    @Transactional(readOnly = true)
    public long unread(String tenant, String owner) {
        return jdbc.prepareStatement("SELECT COUNT(*) FROM notification WHERE tenant = ? AND owner = ?"
                + " AND read_at IS NULL", statement -> {
                    statement.setString(1, tenant);
                    statement.setString(2, owner);
                    ResultSet row = statement.executeQuery();
                    row.next();
                    return row.getLong(1);
                });
    }

    /** Marks the owner's notification read; empty when they have none of that id. */
    @Transactional
    public Optional<Notification> markRead(String tenant, String owner, long id, Instant at) {
        jdbc.prepareStatement("UPDATE notification SET read_at = ? WHERE id = ? AND tenant = ? AND owner = ?"
                + " AND read_at IS NULL", statement -> {
                    statement.setObject(1, Sql.utc(at));
                    statement.setLong(2, id);
                    statement.setString(3, tenant);
                    statement.setString(4, owner);
                    return statement.executeUpdate();
                });
        return of(tenant, owner, false, id + 1, 1).stream().filter(n -> n.id() == id).findFirst();
    }

    /** Marks all of the owner's unread notifications read; returns how many. */
    @Transactional
    public int markAllRead(String tenant, String owner, Instant at) {
        return jdbc.prepareStatement("UPDATE notification SET read_at = ? WHERE tenant = ? AND owner = ?"
                + " AND read_at IS NULL", statement -> {
                    statement.setObject(1, Sql.utc(at));
                    statement.setString(2, tenant);
                    statement.setString(3, owner);
                    return statement.executeUpdate();
                });
    }
}
