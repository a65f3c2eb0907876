package dev.tasklane.activities.analytics;

import dev.tasklane.store.Sql;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
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

    private final JdbcOperations jdbc;

    public AnalyticsStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Hands every task of {@code tenant} (or of all, when null) that ended in [{@code from}, {@code to}) to {@code each}. */
    @Transactional(readOnly = true)
    public void finishedBetween(@Nullable String tenant, Instant from, Instant to, Consumer<FinishedTask> each) {
        List<TaskStatus> finished = TaskStatus.finished();
        jdbc.prepareStatement("SELECT tenant, type, status, attempt, started_at, completed_at FROM task WHERE status IN ("
                + "?, ".repeat(finished.size() - 1) + "?) AND completed_at >= ? AND completed_at < ?"
                + (tenant == null ? "" : " AND tenant = ?"), statement -> {
                    int at = 1;
                    for (TaskStatus status : finished) {
                        statement.setString(at++, status.name());
                    }
                    statement.setObject(at++, Sql.utc(from));
                    statement.setObject(at++, Sql.utc(to));
                    if (tenant != null) {
                        statement.setString(at, tenant);
                    }
                    ResultSet rows = statement.executeQuery();
                    while (rows.next()) {
                        OffsetDateTime started = rows.getObject(5, OffsetDateTime.class);
                        each.accept(new FinishedTask(rows.getString(1), rows.getString(2),
                                TaskStatus.valueOf(rows.getString(3)), rows.getInt(4),
                                started == null ? null : started.toInstant(),
                                rows.getObject(6, OffsetDateTime.class).toInstant()));
                    }
                    return null;
                });
    }

    /** Replaces {@code day}'s rows of {@code tenant} (or of every tenant, when null) with these. */
    @Transactional
    public void replaceDay(@Nullable String tenant, LocalDate day, List<DailyRow> daily, List<HourlyRow> hourly) {
        Instant start = day.atStartOfDay().toInstant(ZoneOffset.UTC);
        String scope = tenant == null ? "" : " AND tenant = ?";
        jdbc.prepareStatement("DELETE FROM task_stats_daily WHERE stat_day = ?" + scope, statement -> {
            statement.setObject(1, day);
            if (tenant != null) {
                statement.setString(2, tenant);
            }
            return statement.executeUpdate();
        });
        jdbc.prepareStatement("DELETE FROM task_stats_hourly WHERE stat_hour >= ? AND stat_hour < ?" + scope,
                statement -> {
                    statement.setObject(1, Sql.utc(start));
                    statement.setObject(2, Sql.utc(start.plusSeconds(86_400)));
                    if (tenant != null) {
                        statement.setString(3, tenant);
                    }
                    return statement.executeUpdate();
                });
        jdbc.prepareStatement("INSERT INTO task_stats_daily (tenant, stat_day, type, finished, completed, failed,"
                + " cancelled, timed_out, retries, avg_duration_ms, p95_duration_ms, throughput_per_hour, computed_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", statement -> {
                    for (DailyRow row : daily) {
                        Outcomes.Summary o = row.outcomes();
                        statement.setString(1, row.tenant());
                        statement.setObject(2, row.day());
                        statement.setString(3, row.type());
                        statement.setLong(4, o.finished());
                        statement.setLong(5, o.completed());
                        statement.setLong(6, o.failed());
                        statement.setLong(7, o.cancelled());
                        statement.setLong(8, o.timedOut());
                        statement.setLong(9, o.retries());
                        statement.setObject(10, o.averageDurationSeconds() == null ? null
                                : o.averageDurationSeconds() * 1000);
                        statement.setObject(11, o.p95DurationSeconds() == null ? null : o.p95DurationSeconds() * 1000);
                        statement.setDouble(12, row.throughputPerHour());
                        statement.setObject(13, Sql.utc(row.computedAt()));
                        statement.addBatch();
                    }
                    return statement.executeBatch();
                });
        jdbc.prepareStatement("INSERT INTO task_stats_hourly (tenant, stat_hour, type, completed, failed, cancelled,"
                + " timed_out) VALUES (?, ?, ?, ?, ?, ?, ?)", statement -> {
                    for (HourlyRow row : hourly) {
                        statement.setString(1, row.tenant());
                        statement.setObject(2, Sql.utc(row.hour()));
                        statement.setString(3, row.type());
                        statement.setLong(4, row.completed());
                        statement.setLong(5, row.failed());
                        statement.setLong(6, row.cancelled());
                        statement.setLong(7, row.timedOut());
                        statement.addBatch();
                    }
                    return statement.executeBatch();
                });
    }

    /** The tenant's daily rows from {@code from} to {@code to}, both included, by day and type. */
    @Transactional(readOnly = true)
    public List<DailyRow> daily(String tenant, LocalDate from, LocalDate to) {
        return jdbc.prepareStatement("SELECT tenant, stat_day, type, finished, completed, failed, cancelled, timed_out,"
                + " retries, avg_duration_ms, p95_duration_ms, throughput_per_hour, computed_at FROM task_stats_daily"
                + " WHERE tenant = ? AND stat_day >= ? AND stat_day <= ? ORDER BY stat_day, type", statement -> {
                    statement.setString(1, tenant);
                    statement.setObject(2, from);
                    statement.setObject(3, to);
                    return dailyRows(statement);
                });
    }

    /** When the tenant's days from {@code from} to {@code to} were last counted, or empty when none was. */
    @Transactional(readOnly = true)
    public Optional<Instant> lastComputed(String tenant, LocalDate from, LocalDate to) {
        return jdbc.prepareStatement("SELECT MAX(computed_at) FROM task_stats_daily WHERE tenant = ?"
                + " AND stat_day >= ? AND stat_day <= ?", statement -> {
                    statement.setString(1, tenant);
                    statement.setObject(2, from);
                    statement.setObject(3, to);
                    ResultSet row = statement.executeQuery();
                    row.next();
                    return Optional.ofNullable(row.getObject(1, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
                });
    }

    /** The tenant's hourly rows from {@code from} (included) to {@code to}, by hour and type. */
    @Transactional(readOnly = true)
    public List<HourlyRow> hourly(String tenant, Instant from, Instant to) {
        return jdbc.prepareStatement("SELECT tenant, stat_hour, type, completed, failed, cancelled, timed_out FROM"
                + " task_stats_hourly WHERE tenant = ? AND stat_hour >= ? AND stat_hour < ? ORDER BY stat_hour, type",
                statement -> {
                    statement.setString(1, tenant);
                    statement.setObject(2, Sql.utc(from));
                    statement.setObject(3, Sql.utc(to));
                    List<HourlyRow> found = new ArrayList<>();
                    ResultSet rows = statement.executeQuery();
                    while (rows.next()) {
                        found.add(new HourlyRow(rows.getString(1), rows.getObject(2, OffsetDateTime.class).toInstant(),
                                rows.getString(3), rows.getLong(4), rows.getLong(5), rows.getLong(6), rows.getLong(7)));
                    }
                    return found;
                });
    }

    private static List<DailyRow> dailyRows(PreparedStatement statement) throws SQLException {
        List<DailyRow> found = new ArrayList<>();
        ResultSet rows = statement.executeQuery();
        while (rows.next()) {
            long completed = rows.getLong(5);
            long failed = rows.getLong(6);
            long timedOut = rows.getLong(8);
            Double average = (Double) rows.getObject(10, Double.class);
            Double p95 = (Double) rows.getObject(11, Double.class);
            Outcomes.Summary outcomes = new Outcomes.Summary(rows.getLong(4), completed, failed, rows.getLong(7),
                    timedOut, rows.getLong(9), Outcomes.successRate(completed, failed, timedOut),
                    average == null ? null : average / 1000, p95 == null ? null : p95 / 1000);
            found.add(new DailyRow(rows.getString(1), rows.getObject(2, LocalDate.class), rows.getString(3), outcomes,
                    rows.getDouble(12), rows.getObject(13, OffsetDateTime.class).toInstant()));
        }
        return found;
    }
}
