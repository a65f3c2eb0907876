package dev.tasklane.gateway.analytics;

import dev.tasklane.activities.analytics.AnalyticsStore;
import dev.tasklane.activities.analytics.Outcomes;
import dev.tasklane.gateway.config.ServesApi;
import dev.tasklane.gateway.openapi.CommonProblems;
import dev.tasklane.gateway.problem.FieldErrors;
import dev.tasklane.gateway.security.Caller;
import dev.tasklane.gateway.security.Roles;
import dev.tasklane.store.task.QueueReadings;
import dev.tasklane.workflows.lifecycle.TaskPriority;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** Statistics of the caller's tenant: live totals from the catalog, and the analytics task's hourly and daily rows. */
@Tag(name = "operations")
@CommonProblems
@Controller("/api/stats")
@Secured(Roles.MANAGER)
@ServesApi
@ExecuteOn(TaskExecutors.BLOCKING)
public class StatsController {

    private static final int DEFAULT_DAYS = 7;
    private static final int LONGEST_LIVE = 90;
    private static final int DEFAULT_HOURS = 24;
    private static final int LONGEST_HOURLY = 7 * 24;

    private final AnalyticsStore analytics;
    private final QueueReadings queue;
    private final Clock clock;

    public StatsController(AnalyticsStore analytics, QueueReadings queue, Clock clock) {
        this.analytics = analytics;
        this.queue = queue;
        this.clock = clock;
    }

    @Operation(operationId = "getStats", summary = "Task totals over recent days.")
    @Get
    public StatsViews.Totals totals(
            @Parameter(description = "Days back to count, 1-" + LONGEST_LIVE + " (default " + DEFAULT_DAYS + ").",
                    schema = @Schema(implementation = Integer.class, minimum = "1", maximum = "" + LONGEST_LIVE))
            @Nullable @QueryValue String days,
            Authentication authentication) {
        int span = days(days);
        String tenant = Caller.of(authentication).tenant();
        Instant since = clock.instant().minus(span, ChronoUnit.DAYS);
        Outcomes all = new Outcomes();
        Map<String, Outcomes> perType = new TreeMap<>();
        analytics.finishedBetween(tenant, since, clock.instant().plusSeconds(1), task -> {
            all.add(task);
            perType.computeIfAbsent(task.type(), type -> new Outcomes()).add(task);
        });
        Map<String, Long> byStatus = new LinkedHashMap<>();
        Map<TaskPriority, Map<TaskStatus, Long>> inFlight = queue.unfinished(tenant);
        for (TaskStatus status : TaskStatus.values()) {
            long count = status.isTerminal() ? all.count(status) : inFlight.values().stream()
                    .mapToLong(counts -> counts.getOrDefault(status, 0L)).sum();
            byStatus.put(status.name(), count);
        }
        Map<String, Outcomes.Summary> byType = new LinkedHashMap<>();
        perType.forEach((type, outcomes) -> byType.put(type, outcomes.summary()));
        return new StatsViews.Totals(span, since, all.summary(), byStatus, byType);
    }

    @Operation(operationId = "getThroughput", summary = "Tasks finished per hour over recent days.")
    @Get("/throughput")
    public StatsViews.Throughput throughput(
            @Parameter(description = "Days back, 1-" + LONGEST_LIVE + " (default " + DEFAULT_DAYS + ").",
                    schema = @Schema(implementation = Integer.class, minimum = "1", maximum = "" + LONGEST_LIVE))
            @Nullable @QueryValue String days,
            Authentication authentication) {
        int span = days(days);
        Instant to = clock.instant().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        Instant from = to.minus(span, ChronoUnit.DAYS);
        Map<Instant, long[]> perHour = everyHour(from, to, () -> new long[4]);
        String tenant = Caller.of(authentication).tenant();
        for (AnalyticsStore.HourlyRow row : analytics.hourly(tenant, from, to)) {
            long[] sums = perHour.computeIfAbsent(row.hour(), hour -> new long[4]);
            sums[0] += row.completed();
            sums[1] += row.failed();
            sums[2] += row.cancelled();
            sums[3] += row.timedOut();
        }
        List<StatsViews.Hour> hours = new ArrayList<>();
        perHour.forEach((hour, sums) -> hours.add(new StatsViews.Hour(hour, sums[0], sums[1], sums[2], sums[3])));
        LocalDate firstDay = LocalDate.ofInstant(from, ZoneOffset.UTC);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return new StatsViews.Throughput(span, hours, analytics.lastComputed(tenant, firstDay, today).orElse(null));
    }

    @Operation(operationId = "getHourlyStats", summary = "Tasks per hour over recent hours.")
    @Get("/hourly")
    public StatsViews.Hourly hourly(
            @Parameter(description = "Hours back, 1-" + LONGEST_HOURLY + " (default " + DEFAULT_HOURS + ").",
                    schema = @Schema(implementation = Integer.class, minimum = "1", maximum = "" + LONGEST_HOURLY))
            @Nullable @QueryValue String hours,
            Authentication authentication) {
        int span = span("hours", hours, LONGEST_HOURLY, DEFAULT_HOURS);
        Instant to = clock.instant().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        Instant from = to.minus(span, ChronoUnit.HOURS);
        Map<Instant, Outcomes> perHour = everyHour(from, to, Outcomes::new);
        analytics.finishedBetween(Caller.of(authentication).tenant(), from, to,
                task -> perHour.get(task.completedAt().truncatedTo(ChronoUnit.HOURS)).add(task));
        List<StatsViews.LiveHour> items = new ArrayList<>();
        perHour.forEach((hour, o) -> items.add(new StatsViews.LiveHour(hour, o.count(TaskStatus.COMPLETED),
                o.count(TaskStatus.FAILED), o.count(TaskStatus.CANCELLED), o.count(TaskStatus.TIMED_OUT),
                o.successRate(), o.durationPercentile(0.5), o.durationPercentile(0.95), o.durationPercentile(0.99))));
        return new StatsViews.Hourly(span, items);
    }

    @Operation(operationId = "getWeeklyStats", summary = "Tasks per day of the last weeks.")
    @Get("/weekly")
    public StatsViews.Weekly weekly(Authentication authentication) {
        String tenant = Caller.of(authentication).tenant();
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<AnalyticsStore.DailyRow> rows = analytics.daily(tenant, today.minusDays(6), today);
        List<StatsViews.Day> days = new ArrayList<>();
        for (LocalDate day = today.minusDays(6); !day.isAfter(today); day = day.plusDays(1)) {
            LocalDate of = day;
            days.add(day(day, rows.stream().filter(row -> row.day().equals(of)).toList()));
        }
        return new StatsViews.Weekly(days, rows.stream().map(AnalyticsStore.DailyRow::computedAt)
                .max(Comparator.naturalOrder()).orElse(null));
    }

    private static StatsViews.Day day(LocalDate day, List<AnalyticsStore.DailyRow> rows) {
        long finished = 0, completed = 0, failed = 0, cancelled = 0, timedOut = 0, retries = 0;
        double durationSum = 0;
        long timed = 0;
        double throughput = 0;
        Map<String, Outcomes.Summary> byType = new LinkedHashMap<>();
        for (AnalyticsStore.DailyRow row : rows) {
            Outcomes.Summary o = row.outcomes();
            finished += o.finished();
            completed += o.completed();
            failed += o.failed();
            cancelled += o.cancelled();
            timedOut += o.timedOut();
            retries += o.retries();
            throughput += row.throughputPerHour();
            if (o.averageDurationSeconds() != null) {
                durationSum += o.averageDurationSeconds() * o.completed();
                timed += o.completed();
            }
            byType.put(row.type(), o);
        }
        return new StatsViews.Day(day, finished, completed, failed, cancelled, timedOut, retries,
                Outcomes.successRate(completed, failed, timedOut), timed == 0 ? null : durationSum / timed, throughput,
                byType);
    }

    /** Every hour in [{@code from}, {@code to}), in order, each with an empty tally, so that quiet hours show. */
    private static <T> Map<Instant, T> everyHour(Instant from, Instant to, Supplier<T> empty) {
        Map<Instant, T> perHour = new TreeMap<>();
        for (Instant hour = from; hour.isBefore(to); hour = hour.plus(1, ChronoUnit.HOURS)) {
            perHour.put(hour, empty.get());
        }
        return perHour;
    }

    private static int days(@Nullable String text) {
        return span("days", text, LONGEST_LIVE, DEFAULT_DAYS);
    }

    private static int span(String field, @Nullable String text, int longest, int otherwise) {
        FieldErrors errors = new FieldErrors();
        int span = (int) errors.wholeNumber(field, text, 1, longest, otherwise);
        errors.throwIfAny();
        return span;
    }
}
