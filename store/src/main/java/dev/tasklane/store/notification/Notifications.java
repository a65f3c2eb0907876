package dev.tasklane.store.notification;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * In-app notifications for a task's owner: one each time a task ends (completed, failed, timed out or cancelled),
 * saved in the transaction that records the end, so none is lost and none is made twice, and reminders of a task that
 * awaits a person's review. Every read is one owner's.
 */
@JdbcRepository(dialect = Dialect.ANSI)
public interface Notifications extends CrudRepository<NotificationRow, Long> {

    /** The owner's notifications, newest first, before {@code beforeId} (0 for the newest). */
    default List<NotificationRow> of(String tenant, String owner, boolean unreadOnly, long beforeId, int limit) {
        return findPage(tenant, owner, unreadOnly, beforeId > 0 ? beforeId : Long.MAX_VALUE, limit);
    }

    @Query("""
            SELECT * FROM notification WHERE tenant = :tenant AND owner = :owner AND id < :beforeId
              AND (:unreadOnly = FALSE OR read_at IS NULL)
            ORDER BY id DESC LIMIT :limit""")
    List<NotificationRow> findPage(String tenant, String owner, boolean unreadOnly, long beforeId, int limit);

    long countByTenantAndOwnerAndReadAtIsNull(String tenant, String owner);

    Optional<NotificationRow> findByIdAndTenantAndOwner(long id, String tenant, String owner);

    /** Marks the owner's notification read; empty when they have none of that id. */
    default Optional<NotificationRow> markRead(String tenant, String owner, long id, Instant at) {
        markUnreadRead(id, tenant, owner, at);
        return findByIdAndTenantAndOwner(id, tenant, owner);
    }

    @Query("UPDATE notification SET read_at = :at WHERE id = :id AND tenant = :tenant AND owner = :owner"
            + " AND read_at IS NULL")
    int markUnreadRead(long id, String tenant, String owner, Instant at);

    /** Marks all of the owner's unread notifications read; returns how many. */
    @Query("UPDATE notification SET read_at = :at WHERE tenant = :tenant AND owner = :owner AND read_at IS NULL")
    int markAllRead(String tenant, String owner, Instant at);
}
