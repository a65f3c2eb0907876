package dev.tasklane.activities.store;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Counts each tenant's submissions per minute in the store, so every gateway sees the same numbers; a slot is
 * taken with one conditional UPDATE, and a tenant's old minutes are dropped when its new one begins.
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
    public int count(String tenant, Instant windowStart) {
        return jdbc.prepareStatement("SELECT submissions FROM tenant_submission_window"
                + " WHERE tenant = ? AND window_start = ?", statement -> {
                    bind(statement, tenant, windowStart);
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
    public boolean take(String tenant, Instant windowStart, int allowance, int count) {
        if (allowance < count) {
            return false;
        }
        for (int tries = 0; tries < CONTENDED_TRIES; tries++) {
            int updated = jdbc.prepareStatement("UPDATE tenant_submission_window SET submissions = submissions + ?"
                    + " WHERE tenant = ? AND window_start = ? AND submissions + ? <= ?", statement -> {
                        bind(statement, count, tenant, windowStart, count, allowance);
                        return statement.executeUpdate();
                    });
            if (updated == 1) {
                return true;
            }
            int current = count(tenant, windowStart);
            if (current + count > allowance) {
                return false;
            }
            if (current == 0) {
                startWindow(tenant, windowStart, count);
                return true;
            }
        }
        return true;
    }

    /**
     * Records the minute's first submission and drops the tenant's older minutes. A gateway racing to insert the
     * same row makes this fail with a duplicate key; the caller then takes the slot again, through the UPDATE.
     */
    private void startWindow(String tenant, Instant windowStart, int count) {
        jdbc.prepareStatement("DELETE FROM tenant_submission_window WHERE tenant = ? AND window_start < ?", statement -> {
            bind(statement, tenant, windowStart.minusSeconds(60));
            return statement.executeUpdate();
        });
        jdbc.prepareStatement("INSERT INTO tenant_submission_window (tenant, window_start, submissions)"
                + " VALUES (?, ?, ?)", statement -> {
                    bind(statement, tenant, windowStart, count);
                    return statement.executeUpdate();
                });
    }

    private static void bind(PreparedStatement statement, Object... args) throws SQLException {
        List<Object> values = List.of(args);
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i) instanceof Instant at ? at.atOffset(ZoneOffset.UTC) : values.get(i);
            statement.setObject(i + 1, value);
        }
    }
}
