package dev.tasklane.store.quota;

import dev.tasklane.store.Sql;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;

/**
 * Counts submissions per minute in the store, each tenant's and each owner's of a tenant, so every gateway sees
 * the same numbers; a slot is taken with one conditional UPDATE, and old minutes are dropped when a new one begins.
 * An {@code owner} of null means the whole tenant.
 */
@Singleton
public class SubmissionWindows {

    static final int CONTENDED_TRIES = 20;

    private final JdbcOperations jdbc;

    public SubmissionWindows(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Submissions counted in the minute that starts at {@code windowStart}. */
    @Transactional
    public int count(String tenant, @Nullable String owner, Instant windowStart) {
        return jdbc.prepareStatement("SELECT submissions FROM " + table(owner) + " WHERE " + match(owner)
                + " AND window_start = ?", statement -> {
                    Sql.bind(statement, keys(tenant, owner, windowStart));
                    ResultSet result = statement.executeQuery();
                    return result.next() ? result.getInt(1) : 0;
                });
    }

    /**
     * Counts {@code count} more submissions in the window if it has room for them under {@code allowance}; false
     * when it has not. A conditional UPDATE that a concurrent one made miss is tried again; after
     * {@link #CONTENDED_TRIES} misses in a row the submissions are let through rather than refused for contention.
     */
    @Transactional
    public boolean take(String tenant, @Nullable String owner, Instant windowStart, int allowance, int count) {
        if (allowance < count) {
            return false;
        }
        for (int tries = 0; tries < CONTENDED_TRIES; tries++) {
            int updated = jdbc.prepareStatement("UPDATE " + table(owner) + " SET submissions = submissions + ?"
                    + " WHERE " + match(owner) + " AND window_start = ? AND submissions + ? <= ?", statement -> {
                        Sql.bind(statement, count, keys(tenant, owner, windowStart), count, allowance);
                        return statement.executeUpdate();
                    });
            if (updated == 1) {
                return true;
            }
            int current = count(tenant, owner, windowStart);
            if (current + count > allowance) {
                return false;
            }
            if (current == 0) {
                startWindow(tenant, owner, windowStart, count);
                return true;
            }
        }
        return true;
    }

    /** Gives back {@code count} submissions taken in the window, for a submission refused after it took them. */
    @Transactional
    public void giveBack(String tenant, @Nullable String owner, Instant windowStart, int count) {
        jdbc.prepareStatement("UPDATE " + table(owner) + " SET submissions = GREATEST(submissions - ?, 0) WHERE "
                + match(owner) + " AND window_start = ?", statement -> {
                    Sql.bind(statement, count, keys(tenant, owner, windowStart));
                    return statement.executeUpdate();
                });
    }

    /**
     * Records the minute's first submission and drops the tenant's (or owner's) older minutes. A gateway racing to
     * insert the same row makes this fail with a duplicate key; the caller then takes the slot again, through the
     * UPDATE.
     */
    private void startWindow(String tenant, @Nullable String owner, Instant windowStart, int count) {
        jdbc.prepareStatement("DELETE FROM " + table(owner) + " WHERE " + match(owner) + " AND window_start < ?",
                statement -> {
                    Sql.bind(statement, keys(tenant, owner, windowStart.minusSeconds(60)));
                    return statement.executeUpdate();
                });
        jdbc.prepareStatement("INSERT INTO " + table(owner) + " (" + (owner == null ? "tenant" : "tenant, owner")
                + ", window_start, submissions) VALUES (" + (owner == null ? "?" : "?, ?") + ", ?, ?)", statement -> {
                    Sql.bind(statement, keys(tenant, owner, windowStart), count);
                    return statement.executeUpdate();
                });
    }

    private static String table(@Nullable String owner) {
        return owner == null ? "tenant_submission_window" : "owner_submission_window";
    }

    private static String match(@Nullable String owner) {
        return owner == null ? "tenant = ?" : "tenant = ? AND owner = ?";
    }

    /** The values {@link #match} and a window start bind, in order. */
    private static List<Object> keys(String tenant, @Nullable String owner, Instant windowStart) {
        return owner == null ? List.of(tenant, windowStart) : List.of(tenant, owner, windowStart);
    }
}
