package dev.tasklane.store.flow;

import dev.tasklane.store.Sql;
import dev.tasklane.workflows.lifecycle.TaskLimit;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The room under each limit's key, in the store so every worker process counts the same tasks and a restart forgets
 * none: which tasks hold room (running at once), which started within the rate's period, and which wait, in order.
 * A task asking for room locks each of its keys' rows, in key order so two tasks never wait on each other, and takes
 * room only when every key has some left after the tasks waiting ahead of it.
 */
@Singleton
public class FlowSlots {

    /** Whether the task took its room, or why not and when to ask again. */
    public record Outcome(boolean taken, @Nullable String waitingFor, @Nullable Instant askAgainAt) {

        static final Outcome TAKEN = new Outcome(true, null, null);
    }

    /** A key's row was not there to lock; it is created in a transaction of its own and the request made again. */
    private static final class MissingKey extends RuntimeException {

        final String key;

        MissingKey(String key) {
            super(null, null, false, false);
            this.key = key;
        }
    }

    /** A waiting task that has not asked for this long has ended unseen: it no longer keeps others back. */
    static final Duration GONE_QUIET = Duration.ofMinutes(5);
    /** When a task behind others waiting for a rate's room with no start counted asks again. */
    private static final Duration SOON = Duration.ofSeconds(1);

    private final Sql sql;
    private final TransactionOperations<Connection> transactions;

    public FlowSlots(Sql sql, TransactionOperations<Connection> transactions) {
        this.sql = sql;
        this.transactions = transactions;
    }

    /**
     * Takes room for {@code taskId} under every one of {@code limits}, or none: it then waits, placed by
     * {@code priorityKey} (lower first) and the time it first asked. A task holding room already takes none again.
     */
    public Outcome take(String taskId, List<TaskLimit> limits, int priorityKey, Instant now) {
        Map<String, TaskLimit> byKey = byKey(limits);
        return withKeys(byKey.keySet(), now, () -> {
            Outcome refused = null;
            for (TaskLimit limit : byKey.values()) {
                lock(limit.key(), now);
                if (refused == null) {
                    refused = check(taskId, limit, priorityKey, now);
                }
            }
            if (refused != null) {
                for (TaskLimit limit : byKey.values()) {
                    if (sql.update("UPDATE flow_wait SET asked_at = ? WHERE flow_key = ? AND task_id = ?", now,
                            limit.key(), taskId) == 0) {
                        sql.update("""
                                INSERT INTO flow_wait (flow_key, task_id, priority_key, since, asked_at)
                                VALUES (?, ?, ?, ?, ?)""", limit.key(), taskId, priorityKey, now, now);
                    }
                }
                return refused;
            }
            for (TaskLimit limit : byKey.values()) {
                if (limit.concurrency() != null && !holds(limit.key(), taskId)) {
                    sql.update("INSERT INTO flow_hold (flow_key, task_id, taken_at) VALUES (?, ?, ?)", limit.key(),
                            taskId, now);
                }
                if (limit.rate() != null && !started(limit.key(), taskId)) {
                    sql.update("INSERT INTO flow_start (flow_key, task_id, started_at) VALUES (?, ?, ?)",
                            limit.key(), taskId, now);
                }
                sql.update("DELETE FROM flow_wait WHERE flow_key = ? AND task_id = ?", limit.key(), taskId);
            }
            return Outcome.TAKEN;
        });
    }

    /**
     * Gives back the room {@code taskId} held under {@code limits} and stops it waiting; returns the tasks now first
     * in line for each slot it freed, to be told. A key left with nothing to count is dropped.
     */
    public List<String> release(String taskId, List<TaskLimit> limits, Instant now) {
        Map<String, TaskLimit> byKey = byKey(limits);
        return transactions.executeWrite(status -> {
            Set<String> next = new LinkedHashSet<>();
            for (TaskLimit limit : byKey.values()) {
                if (sql.update("UPDATE flow_key SET touched_at = ? WHERE flow_key = ?", now, limit.key()) == 0) {
                    continue;
                }
                sql.update("DELETE FROM flow_wait WHERE flow_key = ? AND task_id = ?", limit.key(), taskId);
                if (sql.update("DELETE FROM flow_hold WHERE flow_key = ? AND task_id = ?", limit.key(), taskId) > 0) {
                    sql.first("""
                            SELECT task_id FROM flow_wait WHERE flow_key = ?
                            ORDER BY priority_key, since, task_id FETCH FIRST 1 ROWS ONLY""",
                            row -> row.getString(1), limit.key()).ifPresent(next::add);
                }
                sql.update("""
                        DELETE FROM flow_key WHERE flow_key = ?
                        AND NOT EXISTS (SELECT 1 FROM flow_hold h WHERE h.flow_key = flow_key.flow_key)
                        AND NOT EXISTS (SELECT 1 FROM flow_wait w WHERE w.flow_key = flow_key.flow_key)
                        AND NOT EXISTS (SELECT 1 FROM flow_start s WHERE s.flow_key = flow_key.flow_key)""",
                        limit.key());
            }
            return List.copyOf(next);
        });
    }

    /** Places {@code taskId}, where it waits for room, at its new priority. */
    public void reprioritise(String taskId, int priorityKey) {
        transactions.executeWrite(status -> sql.update("UPDATE flow_wait SET priority_key = ? WHERE task_id = ?",
                priorityKey, taskId));
    }

    /** Forgets every room {@code taskId} held or waited for, for a task that ended without saying so. */
    public void forget(String taskId) {
        transactions.executeWrite(status -> {
            sql.update("DELETE FROM flow_hold WHERE task_id = ?", taskId);
            return sql.update("DELETE FROM flow_wait WHERE task_id = ?", taskId);
        });
    }

    /** Why {@code taskId} may not take room under {@code limit} now, or null when it may. */
    private @Nullable Outcome check(String taskId, TaskLimit limit, int priorityKey, Instant now) {
        sql.update("DELETE FROM flow_wait WHERE flow_key = ? AND asked_at < ?", limit.key(), now.minus(GONE_QUIET));
        Instant since = sql.first("SELECT since FROM flow_wait WHERE flow_key = ? AND task_id = ?",
                row -> Sql.instant(row, 1), limit.key(), taskId).orElse(now);
        long ahead = sql.number("""
                SELECT COUNT(*) FROM flow_wait WHERE flow_key = ? AND task_id <> ?
                AND (priority_key < ? OR (priority_key = ? AND (since < ? OR (since = ? AND task_id < ?))))""",
                limit.key(), taskId, priorityKey, priorityKey, since, since, taskId);
        String queue = ahead == 0 ? "" : ", " + ahead + " waiting ahead";
        if (limit.concurrency() != null && !holds(limit.key(), taskId)) {
            long running = sql.number("SELECT COUNT(*) FROM flow_hold WHERE flow_key = ?", limit.key());
            if (running + ahead >= limit.concurrency()) {
                return new Outcome(false, limit.key() + ": " + running + " of " + limit.concurrency() + " running"
                        + queue, null);
            }
        }
        if (limit.rate() != null && !started(limit.key(), taskId)) {
            Instant periodStart = now.minusSeconds(limit.period());
            sql.update("DELETE FROM flow_start WHERE flow_key = ? AND started_at <= ?", limit.key(), periodStart);
            long started = sql.number("SELECT COUNT(*) FROM flow_start WHERE flow_key = ?", limit.key());
            if (started + ahead >= limit.rate()) {
                Optional<Instant> oldest = sql.first("""
                        SELECT started_at FROM flow_start WHERE flow_key = ?
                        ORDER BY started_at FETCH FIRST 1 ROWS ONLY""", row -> Sql.instant(row, 1), limit.key());
                // the oldest start leaving the period frees room; with none, those ahead are about to take it
                Instant roomAt = oldest.map(at -> at.plusSeconds(limit.period())).orElse(now.plus(SOON));
                return new Outcome(false, limit.key() + ": " + started + " of " + limit.rate() + " started in the last "
                        + period(limit.period()) + queue, roomAt);
            }
        }
        return null;
    }

    private boolean holds(String key, String taskId) {
        return sql.first("SELECT 1 FROM flow_hold WHERE flow_key = ? AND task_id = ?", row -> true, key, taskId)
                .isPresent();
    }

    private boolean started(String key, String taskId) {
        return sql.first("SELECT 1 FROM flow_start WHERE flow_key = ? AND task_id = ?", row -> true, key, taskId)
                .isPresent();
    }

    /** Locks {@code key}'s row until the transaction ends; a missing row is created first, outside it. */
    private void lock(String key, Instant now) {
        if (sql.update("UPDATE flow_key SET touched_at = ? WHERE flow_key = ?", now, key) == 0) {
            throw new MissingKey(key);
        }
    }

    /** Runs {@code work} in a transaction, creating the key rows it finds missing and running it again. */
    private Outcome withKeys(Set<String> keys, Instant now, Supplier<Outcome> work) {
        for (int tries = 0; ; tries++) {
            try {
                return transactions.executeWrite(status -> work.get());
            } catch (MissingKey missing) {
                if (tries > keys.size() + 2) {
                    throw new IllegalStateException("the row of limit key " + missing.key + " keeps disappearing");
                }
                create(missing.key, now);
            }
        }
    }

    private void create(String key, Instant now) {
        try {
            transactions.executeWrite(status -> sql.update("INSERT INTO flow_key (flow_key, touched_at) VALUES (?, ?)",
                    key, now));
        } catch (DataAccessException raced) {
            // another worker created it first
        }
    }

    private static Map<String, TaskLimit> byKey(List<TaskLimit> limits) {
        Map<String, TaskLimit> byKey = new TreeMap<>(Comparator.naturalOrder());
        limits.forEach(limit -> byKey.putIfAbsent(limit.key(), limit));
        return byKey;
    }

    private static String period(int seconds) {
        return seconds % 60 == 0 ? (seconds == 60 ? "minute" : seconds / 60 + " minutes") : seconds + " s";
    }
}
