package dev.tasklane.store.intake;

import dev.tasklane.store.Sql;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Whether workers take new tasks, as the store says, so every worker process honours a pause and it outlives a
 * restart. Task workflows ask before they start (through their lifecycle activity); a task already running goes on.
 */
@Singleton
public class Intake {

    /** How long a worker trusts what it last read. */
    private static final long FRESH_NANOS = 1_000_000_000L;

    /** The switch: paused or not, and who moved it when. */
    @Serdeable
    public record State(boolean paused, @Nullable String changedBy, @Nullable Instant changedAt) {
    }

    private final JdbcOperations jdbc;
    private final Clock clock;
    private volatile boolean open = true;
    private volatile long readAtNanos = Long.MIN_VALUE;

    public Intake(JdbcOperations jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Whether new tasks may start, as of at most a second ago. */
    public boolean isOpen() {
        long now = System.nanoTime();
        if (readAtNanos == Long.MIN_VALUE || now - readAtNanos > FRESH_NANOS) {
            open = !state().paused();
            readAtNanos = now;
        }
        return open;
    }

    @Transactional(readOnly = true)
    public State state() {
        return jdbc.prepareStatement("SELECT paused, changed_by, changed_at FROM intake WHERE id = 1", statement -> {
            ResultSet row = statement.executeQuery();
            row.next();
            OffsetDateTime at = row.getObject(3, OffsetDateTime.class);
            return new State(row.getBoolean(1), row.getString(2), at == null ? null : at.toInstant());
        });
    }

    /** Pauses ({@code true}) or resumes intake on behalf of {@code by}. */
    @Transactional
    public State set(boolean paused, String by) {
        Instant now = clock.instant();
        jdbc.prepareStatement("UPDATE intake SET paused = ?, changed_by = ?, changed_at = ? WHERE id = 1", statement -> {
            statement.setBoolean(1, paused);
            statement.setString(2, by);
            statement.setObject(3, Sql.utc(now));
            return statement.executeUpdate();
        });
        open = !paused;
        readAtNanos = System.nanoTime();
        return new State(paused, by, now);
    }
}
