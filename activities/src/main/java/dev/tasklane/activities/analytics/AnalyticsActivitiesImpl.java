package dev.tasklane.activities.analytics;

import dev.tasklane.activities.lifecycle.CallingTask;
import dev.tasklane.activities.progress.ProgressReporter;
import dev.tasklane.activities.schedule.OperationsScope;
import dev.tasklane.workflows.analytics.AnalyticsActivities;
import dev.tasklane.workflows.analytics.AnalyticsRequest;
import dev.tasklane.workflows.analytics.AnalyticsResult;
import dev.tasklane.workflows.lifecycle.TaskProgress;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Aggregates day by day (UTC), oldest first, each day replaced in one transaction and reported before the next. */
@Singleton
public class AnalyticsActivitiesImpl implements AnalyticsActivities {

    private record OfType(String tenant, String type) {
    }

    private record OfHour(String tenant, Instant hour, String type) {
    }

    private final AnalyticsStore store;
    private final CallingTask callingTask;
    private final OperationsScope scope;
    private final ProgressReporter progress;
    private final Clock clock;

    public AnalyticsActivitiesImpl(AnalyticsStore store, CallingTask callingTask, OperationsScope scope,
                                   ProgressReporter progress, Clock clock) {
        this.store = store;
        this.callingTask = callingTask;
        this.scope = scope;
        this.progress = progress;
        this.clock = clock;
    }

    @Override
    public AnalyticsResult aggregate(AnalyticsRequest request) {
        String tenant = scope.tenantOf(callingTask.row());
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        int days = request.daysOrDefault();
        long read = 0;
        long dailyRows = 0;
        long hourlyRows = 0;
        for (int back = days - 1; back >= 0; back--) {
            LocalDate day = today.minusDays(back);
            Instant start = day.atStartOfDay().toInstant(ZoneOffset.UTC);
            Map<OfType, Outcomes> perType = new HashMap<>();
            Map<OfHour, Outcomes> perHour = new HashMap<>();
            long[] count = {0};
            store.finishedBetween(tenant, start, start.plus(1, ChronoUnit.DAYS), task -> {
                count[0]++;
                perType.computeIfAbsent(new OfType(task.tenant(), task.type()), k -> new Outcomes()).add(task);
                perHour.computeIfAbsent(new OfHour(task.tenant(), task.completedAt().truncatedTo(ChronoUnit.HOURS),
                        task.type()), k -> new Outcomes()).add(task);
            });
            List<AnalyticsStore.DailyRow> daily = new ArrayList<>();
            perType.forEach((key, outcomes) -> {
                Outcomes.Summary summary = outcomes.summary();
                daily.add(new AnalyticsStore.DailyRow(key.tenant(), day, key.type(), summary,
                        summary.finished() / 24.0, now));
            });
            List<AnalyticsStore.HourlyRow> hourly = new ArrayList<>();
            perHour.forEach((key, outcomes) -> hourly.add(new AnalyticsStore.HourlyRow(key.tenant(), key.hour(),
                    key.type(), outcomes.count(TaskStatus.COMPLETED), outcomes.count(TaskStatus.FAILED),
                    outcomes.count(TaskStatus.CANCELLED), outcomes.count(TaskStatus.TIMED_OUT))));
            store.replaceDay(tenant, day, daily, hourly);
            read += count[0];
            dailyRows += daily.size();
            hourlyRows += hourly.size();
            long done = days - back;
            progress.report(new TaskProgress(100.0 * done / days, done, (long) days, day + ": " + count[0]
                    + " finished tasks", "aggregate", List.of(), null), null);
        }
        return new AnalyticsResult(days, read, dailyRows, hourlyRows, tenant == null);
    }
}
