package dev.tasklane.gateway.analytics;

import dev.tasklane.activities.analytics.Outcomes;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** What the statistics endpoints answer. */
public final class StatsViews {

    private StatsViews() {
    }

    /**
     * {@code GET /api/stats}: the tenant's tasks that ended in the last days, live from the catalog, and the ones in
     * flight now.
     */
    @Serdeable
    public record Totals(int days, Instant since, Outcomes.Summary finished, Map<String, Long> byStatus,
                         Map<String, Outcomes.Summary> byType) {
    }

    /** {@code GET /api/stats/throughput}: tasks that ended per hour, by outcome, as the analytics task last counted. */
    @Serdeable
    public record Throughput(int days, List<Hour> hours, @Nullable Instant computedAt) {
    }

    /** One hour's ended tasks. */
    @Serdeable
    public record Hour(Instant hour, long completed, long failed, long cancelled, long timedOut) {
    }

    /** {@code GET /api/stats/hourly}: the last hours, live from the catalog, oldest first, the current hour last. */
    @Serdeable
    public record Hourly(int hours, List<LiveHour> items) {
    }

    /** One hour's ended tasks by outcome, its success rate and its completed tasks' duration percentiles. */
    @Serdeable
    public record LiveHour(Instant hour, long completed, long failed, long cancelled, long timedOut,
                           @Nullable Double successRate, @Nullable Double p50DurationSeconds,
                           @Nullable Double p95DurationSeconds, @Nullable Double p99DurationSeconds) {
    }

    /** {@code GET /api/stats/weekly}: the last seven days, as the analytics task last counted them. */
    @Serdeable
    public record Weekly(List<Day> days, @Nullable Instant computedAt) {
    }

    /**
     * One day: its totals over every type (durations averaged over its completed tasks), and each type's numbers.
     */
    @Serdeable
    public record Day(LocalDate day, long finished, long completed, long failed, long cancelled, long timedOut,
                      long retries, @Nullable Double successRate, @Nullable Double averageDurationSeconds,
                      double throughputPerHour, Map<String, Outcomes.Summary> byType) {
    }
}
