package dev.tasklane.activities.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;

/** The event log's table: appends and ordered reads. */
@JdbcRepository(dialect = Dialect.H2)
public interface TaskEventRepository extends CrudRepository<TaskEventRow, Long> {

    /** A task's events after {@code afterId}, oldest first. */
    @Query("SELECT * FROM task_event WHERE task_id = :taskId AND id > :afterId ORDER BY id LIMIT :limit")
    List<TaskEventRow> findForTask(String taskId, long afterId, int limit);

    /** A tenant's events after {@code afterId}, oldest first. */
    @Query("SELECT * FROM task_event WHERE tenant = :tenant AND id > :afterId ORDER BY id LIMIT :limit")
    List<TaskEventRow> findForTenant(String tenant, long afterId, int limit);

    /** One owner's events within a tenant after {@code afterId}, oldest first. */
    @Query("SELECT * FROM task_event WHERE tenant = :tenant AND owner = :owner AND id > :afterId ORDER BY id LIMIT :limit")
    List<TaskEventRow> findForOwner(String tenant, String owner, long afterId, int limit);

    int deleteByTaskId(String taskId);
}
