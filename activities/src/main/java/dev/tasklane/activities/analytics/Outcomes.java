package dev.tasklane.activities.analytics;

import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Counts finished tasks by outcome and keeps how long the completed ones ran, for their average and 95th percentile.
 * The success rate leaves cancelled tasks out: a cancel is the operator's choice, not the task's failure.
 */
public final class Outcomes {

    private final Map<TaskStatus, Long> byStatus = new EnumMap<>(TaskStatus.class);
    private final List<Long> durationsMillis = new ArrayList<>();
    private long retries;
    private boolean sorted = true;

    /** The numbers of a set of finished tasks. */
    @Serdeable
    public record Summary(long finished, long completed, long failed, long cancelled, long timedOut, long retries,
                          @Nullable Double successRate, @Nullable Double averageDurationSeconds,
                          @Nullable Double p95DurationSeconds) {
    }

    public void add(FinishedTask task) {
        byStatus.merge(task.status(), 1L, Long::sum);
        retries += Math.max(0, task.attempt() - 1);
        Duration ran = task.ran();
        if (task.status() == TaskStatus.COMPLETED && ran != null) {
            durationsMillis.add(ran.toMillis());
            sorted = false;
        }
    }

    public long count(TaskStatus status) {
        return byStatus.getOrDefault(status, 0L);
    }

    public Summary summary() {
        long finished = byStatus.values().stream().mapToLong(Long::longValue).sum();
        Double average = durationsMillis.isEmpty() ? null
                : durationsMillis.stream().mapToLong(Long::longValue).average().orElseThrow() / 1000.0;
        return new Summary(finished, count(TaskStatus.COMPLETED), count(TaskStatus.FAILED),
                count(TaskStatus.CANCELLED), count(TaskStatus.TIMED_OUT), retries, successRate(), average,
                durationPercentile(0.95));
    }

    /** Completed of completed, failed and timed out, or null when none of those ended. */
    @Nullable
    public Double successRate() {
        return successRate(count(TaskStatus.COMPLETED), count(TaskStatus.FAILED), count(TaskStatus.TIMED_OUT));
    }

    /** Completed of these completed, failed and timed-out tasks, or null when there are none. */
    @Nullable
    public static Double successRate(long completed, long failed, long timedOut) {
        long judged = completed + failed + timedOut;
        return judged == 0 ? null : (double) completed / judged;
    }

    /** The duration in seconds that {@code share} (0-1) of the completed tasks took at most, or null without any. */
    @Nullable
    public Double durationPercentile(double share) {
        if (durationsMillis.isEmpty()) {
            return null;
        }
        if (!sorted) {
            Collections.sort(durationsMillis);
            sorted = true;
        }
        return durationsMillis.get(Math.max(0, (int) Math.ceil(share * durationsMillis.size()) - 1)) / 1000.0;
    }
}
