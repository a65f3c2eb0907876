package dev.tasklane.activities.analytics;

import dev.tasklane.store.Sql;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Reads finished tasks out of the catalog and keeps the statistics tables; each day is replaced whole. */
@Singleton
public class AnalyticsStore {

    /** One day's numbers for one tenant and type. */
    @Serdeable
    public record DailyRow(String tenant, LocalDate day, String type, Outcomes.Summary outcomes,
                           double throughputPerHour, Instant computedAt) {
    }

    /** One hour's finished tasks for one tenant and type. */
    @Serdeable
    public record HourlyRow(String tenant, Instant hour, String type, long completed, long failed, long cancelled,
                            long timedOut) {
    }

    private final Sql sql;

    public AnalyticsStore(Sql sql) {
        this.sql = sql;
    }

    /** Hands every task of {@code tenant} (or of all, when null) that ended in [{@code from}, {@code to}) to {@code each}. */
    @Transactional(readOnly = true)
    public void finishedBetween(@Nullable String tenant, Instant from, Instant to, Consumer<FinishedTask> each) {
        List<String> finished = TaskStatus.finished().stream().map(Enum::name).toList();
        sql.forEach("SELECT tenant, type, status, attempt, started_at, completed_at FROM task WHERE status IN ("
                + Sql.marks(finished.size()) + ") AND completed_at >= ? AND completed_at < ?"
                + (tenant == null ? "" : " AND tenant = ?"),
                row -> each.accept(new FinishedTask(row.getString(1), row.getString(2),
                        TaskStatus.valueOf(row.getString(3)), row.getInt(4), Sql.instant(row, 5), Sql.instant(row, 6))),
                finished, from, to, Sql.optional(tenant));
    }

    /** Replaces {@code day}'s rows of {@code tenant} (or of every tenant, when null) with these. */
    @Transactional
    public void replaceDay(@Nullable String tenant, LocalDate day, List<DailyRow> daily, List<HourlyRow> hourly) {
        Instant start = day.atStartOfDay().toInstant(ZoneOffset.UTC);
        String ofTenant = tenant == null ? "" : " AND tenant = ?";
        sql.update("DELETE FROM task_stats_daily WHERE stat_day = ?" + ofTenant, day, Sql.optional(tenant));
        sql.update("DELETE FROM task_stats_hourly WHERE stat_hour >= ? AND stat_hour < ?" + ofTenant, start,
                start.plusSeconds(86_400), Sql.optional(tenant));
        sql.batch("INSERT INTO task_stats_daily (tenant, stat_day, type, finished, completed, failed, cancelled,"
                + " timed_out, retries, avg_duration_ms, p95_duration_ms, throughput_per_hour, computed_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", daily, row -> {
                    Outcomes.Summary o = row.outcomes();
                    return new Object[] {row.tenant(), row.day(), row.type(), o.finished(), o.completed(), o.failed(),
                        o.cancelled(), o.timedOut(), o.retries(), millis(o.averageDurationSeconds()),
                        millis(o.p95DurationSeconds()), row.throughputPerHour(), row.computedAt()};
                });
        sql.batch("INSERT INTO task_stats_hourly (tenant, stat_hour, type, completed, failed, cancelled, timed_out)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", hourly, row -> new Object[] {row.tenant(), row.hour(), row.type(),
                    row.completed(), row.failed(), row.cancelled(), row.timedOut()});
    }

    /** The tenant's daily rows from {@code from} to {@code to}, both included, by day and type. */
    @Transactional(readOnly = true)
    public List<DailyRow> daily(String tenant, LocalDate from, LocalDate to) {
        return sql.list("SELECT tenant, stat_day, type, finished, completed, failed, cancelled, timed_out, retries,"
                + " avg_duration_ms, p95_duration_ms, throughput_per_hour, computed_at FROM task_stats_daily"
                + " WHERE tenant = ? AND stat_day >= ? AND stat_day <= ? ORDER BY stat_day, type",
                AnalyticsStore::dailyRow, tenant, from, to);
    }

    /** When the tenant's days from {@code from} to {@code to} were last counted, or empty when none was. */
    @Transactional(readOnly = true)
    public Optional<Instant> lastComputed(String tenant, LocalDate from, LocalDate to) {
        return sql.first("SELECT MAX(computed_at) FROM task_stats_daily WHERE tenant = ? AND stat_day >= ?"
                + " AND stat_day <= ?", row -> Optional.ofNullable(Sql.instant(row, 1)), tenant, from, to)
                .flatMap(computed -> computed);
    }

    /** The tenant's hourly rows from {@code from} (included) to {@code to}, by hour and type. */
    @Transactional(readOnly = true)
    public List<HourlyRow> hourly(String tenant, Instant from, Instant to) {
        return sql.list("SELECT tenant, stat_hour, type, completed, failed, cancelled, timed_out FROM task_stats_hourly"
                + " WHERE tenant = ? AND stat_hour >= ? AND stat_hour < ? ORDER BY stat_hour, type",
                row -> new HourlyRow(row.getString(1), Sql.instant(row, 2), row.getString(3), row.getLong(4),
                        row.getLong(5), row.getLong(6), row.getLong(7)), tenant, from, to);
    }

    private static DailyRow dailyRow(ResultSet row) throws SQLException {
        long completed = row.getLong(5);
        long failed = row.getLong(6);
        long timedOut = row.getLong(8);
        Double average = row.getObject(10, Double.class);
        Double p95 = row.getObject(11, Double.class);
        Outcomes.Summary outcomes = new Outcomes.Summary(row.getLong(4), completed, failed, row.getLong(7), timedOut,
                row.getLong(9), Outcomes.successRate(completed, failed, timedOut),
                average == null ? null : average / 1000, p95 == null ? null : p95 / 1000);
        return new DailyRow(row.getString(1), row.getObject(2, LocalDate.class), row.getString(3), outcomes,
                row.getDouble(12), Sql.instant(row, 13));
    }

    private static @Nullable Double millis(@Nullable Double seconds) {
        return seconds == null ? null : seconds * 1000;
    }
}
