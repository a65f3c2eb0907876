package dev.tasklane.store.event;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;

/** The event log's table: appends and ordered reads. */
@JdbcRepository(dialect = Dialect.ANSI)
public interface TaskEventRepository extends CrudRepository<TaskEventRow, Long> {

    /** Every tenant's events after {@code afterId}, oldest first: what the event feed reads. */
    @Query("SELECT * FROM task_event WHERE id > :afterId ORDER BY id LIMIT :limit")
    List<TaskEventRow> findAfter(long afterId, int limit);

    /** The latest events, newest first. */
    @Query("SELECT * FROM task_event ORDER BY id DESC LIMIT :limit")
    List<TaskEventRow> findNewest(int limit);

    /** A task's events after {@code afterId} up to {@code upTo}, oldest first. */
    @Query("SELECT * FROM task_event WHERE task_id = :taskId AND id > :afterId AND id <= :upTo ORDER BY id LIMIT :limit")
    List<TaskEventRow> findForTask(String taskId, long afterId, long upTo, int limit);

    /** A tenant's events after {@code afterId} up to {@code upTo}, oldest first. */
    @Query("SELECT * FROM task_event WHERE tenant = :tenant AND id > :afterId AND id <= :upTo ORDER BY id LIMIT :limit")
    List<TaskEventRow> findForTenant(String tenant, long afterId, long upTo, int limit);

    /** One owner's events within a tenant after {@code afterId} up to {@code upTo}, oldest first. */
    @Query("""
            SELECT * FROM task_event WHERE tenant = :tenant AND owner = :owner AND id > :afterId AND id <= :upTo
            ORDER BY id LIMIT :limit""")
    List<TaskEventRow> findForOwner(String tenant, String owner, long afterId, long upTo, int limit);

    /** The id of the task's latest {@code task_started} event (a reset records another), 0 when it has none. */
    @Query("SELECT COALESCE(MAX(id), 0) FROM task_event WHERE task_id = :taskId AND event_type = 'TASK_STARTED'")
    long findLatestStartId(String taskId);

    int deleteByTaskId(String taskId);
}
