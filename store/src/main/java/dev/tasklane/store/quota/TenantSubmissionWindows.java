package dev.tasklane.store.quota;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;

/** The table of each tenant's submissions per minute. */
@JdbcRepository(dialect = Dialect.ANSI)
public interface TenantSubmissionWindows extends CrudRepository<TenantSubmissionWindow, TenantSubmissionWindow.Key> {

    /** Adds {@code count} submissions if the window stays within {@code allowance}; returns the rows changed. */
    @Query("""
            UPDATE tenant_submission_window SET submissions = submissions + :count
            WHERE tenant = :tenant AND window_start = :windowStart AND submissions + :count <= :allowance""")
    int addWithin(String tenant, Instant windowStart, int count, int allowance);

    /** Takes {@code count} submissions off the window, down to none. */
    @Query("""
            UPDATE tenant_submission_window SET submissions = GREATEST(submissions - :count, 0)
            WHERE tenant = :tenant AND window_start = :windowStart""")
    int takeOff(String tenant, Instant windowStart, int count);

    /** Drops the windows that started before {@code before}. */
    @Query("DELETE FROM tenant_submission_window WHERE tenant = :tenant AND window_start < :before")
    int deleteStartedBefore(String tenant, Instant before);
}
