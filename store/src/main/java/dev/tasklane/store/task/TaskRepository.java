package dev.tasklane.store.task;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Catalog reads and writes; every lookup a client can reach is scoped by tenant. */
@JdbcRepository(dialect = Dialect.ANSI)
public interface TaskRepository extends CrudRepository<TaskRow, String> {

    Optional<TaskRow> findByIdAndTenant(String id, String tenant);

    /** The tasks of these ids that exist, any tenant's. */
    List<TaskRow> findByIdIn(Collection<String> ids);

    @Query("SELECT tenant, owner, type, status, progress_json, run_id, started_at FROM task WHERE id = :id")
    Optional<TaskHeader> findHeaderById(String id);

    /** The task {@code owner} of {@code tenant} submitted under {@code idempotencyKey}: keys are each caller's own. */
    Optional<TaskRow> findByTenantAndOwnerAndIdempotencyKey(String tenant, String owner, String idempotencyKey);

    /** Tasks of every tenant in {@code statuses}, oldest first, a page after the task ({@code createdAfter}, {@code idAfter}). */
    @Query("""
            SELECT * FROM task WHERE status IN (:statuses)
              AND (created_at > :createdAfter OR (created_at = :createdAfter AND id > :idAfter))
            ORDER BY created_at, id LIMIT :limit""")
    List<TaskRow> findInStatusesAfter(Collection<String> statuses, Instant createdAfter, String idAfter, int limit);

    /** Hands every task of every tenant in {@code statuses} to {@code each}, oldest first, {@code page} at a time. */
    default void forEachInStatuses(Collection<String> statuses, int page, Consumer<TaskRow> each) {
        Instant afterCreated = Instant.EPOCH;
        String afterId = "";
        List<TaskRow> rows;
        do {
            rows = findInStatusesAfter(statuses, afterCreated, afterId, page);
            for (TaskRow task : rows) {
                each.accept(task);
                afterCreated = task.createdAt();
                afterId = task.id();
            }
        } while (rows.size() == page);
    }

    /** Applies a status move when the task's current status allows it; returns the rows changed (0 or 1). */
    @Query("""
            UPDATE task SET status = :status,
                attempt = COALESCE(:attempt, attempt),
                progress_percent = COALESCE(:progressPercent, progress_percent),
                progress_json = COALESCE(:progressJson, progress_json),
                result_json = COALESCE(:resultJson, result_json),
                error_json = COALESCE(:errorJson, error_json),
                started_at = COALESCE(started_at, :startedAt),
                completed_at = COALESCE(completed_at, :completedAt),
                run_id = COALESCE(:runId, run_id)
            WHERE id = :id AND status IN (:fromStatuses)""")
    int applyChange(String id, String status, Collection<String> fromStatuses, @Nullable Integer attempt,
                    @Nullable Double progressPercent, @Nullable String progressJson, @Nullable String resultJson,
                    @Nullable String errorJson, @Nullable Instant startedAt, @Nullable Instant completedAt,
                    @Nullable String runId);

    /**
     * Hands the task to {@code runId}, a newer run of its workflow (a reset), if it still follows {@code previousRunId}:
     * it is RUNNING again in its first attempt, without the result, error and end of the run it leaves. Returns the
     * rows changed (0 or 1).
     */
    @Query("""
            UPDATE task SET status = 'RUNNING', run_id = :runId, attempt = 1, progress_percent = :progressPercent,
                progress_json = :progressJson, result_json = NULL, error_json = NULL, completed_at = NULL
            WHERE id = :id AND run_id = :previousRunId""")
    int takeOver(String id, String runId, String previousRunId, @Nullable Double progressPercent,
                 String progressJson);

    int deleteByIdAndTenant(String id, String tenant);

    /**
     * Moves a task that has not started (in {@code notStarted}) from priority {@code from} to {@code to}, noting when;
     * returns the rows changed: 0 when it started or another change came first.
     */
    @Query("""
            UPDATE task SET priority = :to, priority_changed_at = :at
            WHERE id = :id AND priority = :from AND status IN (:notStarted)""")
    int changePriority(String id, String from, String to, Instant at, Collection<String> notStarted);

    /**
     * Tasks ready to run but not started (QUEUED or WAITING) at a priority in {@code priorities} whose priority last
     * changed, or which were submitted, before {@code before}; oldest first, at most {@code limit}.
     */
    @Query("""
            SELECT * FROM task WHERE status IN ('QUEUED', 'WAITING') AND priority IN (:priorities)
              AND COALESCE(priority_changed_at, created_at) < :before
            ORDER BY created_at, id LIMIT :limit""")
    List<TaskRow> findAgeing(Collection<String> priorities, Instant before, int limit);
}
