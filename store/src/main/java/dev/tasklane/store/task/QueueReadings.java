package dev.tasklane.store.task;

import dev.tasklane.workflows.lifecycle.TaskPriority;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The catalog's numbers on one tenant's queue: what waits and runs by priority, what finished lately, what overran. */
@JdbcRepository(dialect = Dialect.ANSI)
public interface QueueReadings extends GenericRepository<TaskRow, String> {

    /** A task running now, with when it started and its settings (which may bound its run). */
    @Introspected
    record Running(String id, String type, Instant startedAt, String settingsJson) {
    }

    /** A task waiting in the queue, with when it was submitted. */
    @Introspected
    record Waiting(String id, String type, Instant createdAt) {
    }

    /** How many of a tenant's tasks are in one status, of one priority when it is counted by priority. */
    @Introspected
    record StatusCount(@Nullable TaskPriority priority, TaskStatus status, long tasks) {
    }

    /** Unfinished tasks counted by priority and status. */
    default Map<TaskPriority, Map<TaskStatus, Long>> unfinished(String tenant) {
        Map<TaskPriority, Map<TaskStatus, Long>> counts = new EnumMap<>(TaskPriority.class);
        for (StatusCount count : findUnfinishedCounts(tenant,
                TaskStatus.unfinished().stream().map(Enum::name).toList())) {
            counts.computeIfAbsent(count.priority(), p -> new EnumMap<>(TaskStatus.class))
                    .put(count.status(), count.tasks());
        }
        return counts;
    }

    /** Tasks that ended since {@code since}, counted by final status. */
    default Map<TaskStatus, Long> finishedSince(String tenant, Instant since) {
        Map<TaskStatus, Long> counts = new EnumMap<>(TaskStatus.class);
        for (StatusCount count : findEndedCounts(tenant, since)) {
            counts.put(count.status(), count.tasks());
        }
        return counts;
    }

    @Query("""
            SELECT priority, status, COUNT(*) AS tasks FROM task WHERE tenant = :tenant AND status IN (:statuses)
            GROUP BY priority, status""")
    List<StatusCount> findUnfinishedCounts(String tenant, Collection<String> statuses);

    @Query("""
            SELECT NULL AS priority, status, COUNT(*) AS tasks FROM task
            WHERE tenant = :tenant AND completed_at >= :since
            GROUP BY status""")
    List<StatusCount> findEndedCounts(String tenant, Instant since);

    /** When the longest-waiting QUEUED task was submitted. */
    @Query("SELECT MIN(created_at) FROM task WHERE tenant = :tenant AND status = 'QUEUED'")
    Optional<Instant> oldestQueued(String tenant);

    /** Tasks running (or retrying) that started before {@code startedBefore}, oldest first, at most {@code limit}. */
    @Query("""
            SELECT id, type, started_at, settings_json FROM task
            WHERE tenant = :tenant AND status IN ('RUNNING', 'RETRYING') AND started_at < :startedBefore
            ORDER BY started_at LIMIT :limit""")
    List<Running> runningSince(String tenant, Instant startedBefore, int limit);

    /** QUEUED tasks submitted before {@code createdBefore}, oldest first, at most {@code limit}. */
    @Query("""
            SELECT id, type, created_at FROM task
            WHERE tenant = :tenant AND status = 'QUEUED' AND created_at < :createdBefore
            ORDER BY created_at LIMIT :limit""")
    List<Waiting> queuedSince(String tenant, Instant createdBefore, int limit);
}
