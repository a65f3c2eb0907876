package dev.tasklane.store.quota;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;

/** The table of each owner's submissions per minute, within a tenant. */
@JdbcRepository(dialect = Dialect.ANSI)
public interface OwnerSubmissionWindows extends CrudRepository<OwnerSubmissionWindow, OwnerSubmissionWindow.Key> {

    /** Adds {@code count} submissions if the window stays within {@code allowance}; returns the rows changed. */
    @Query("""
            UPDATE owner_submission_window SET submissions = submissions + :count
            WHERE tenant = :tenant AND owner = :owner AND window_start = :windowStart
              AND submissions + :count <= :allowance""")
    int addWithin(String tenant, String owner, Instant windowStart, int count, int allowance);

    /** Takes {@code count} submissions off the window, down to none. */
    @Query("""
            UPDATE owner_submission_window SET submissions = GREATEST(submissions - :count, 0)
            WHERE tenant = :tenant AND owner = :owner AND window_start = :windowStart""")
    int takeOff(String tenant, String owner, Instant windowStart, int count);

    /** Drops the windows that started before {@code before}. */
    @Query("DELETE FROM owner_submission_window WHERE tenant = :tenant AND owner = :owner AND window_start < :before")
    int deleteStartedBefore(String tenant, String owner, Instant before);
}
