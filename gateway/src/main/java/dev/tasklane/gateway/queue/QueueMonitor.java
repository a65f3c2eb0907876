package dev.tasklane.gateway.queue;

import dev.tasklane.store.JsonColumns;
import dev.tasklane.store.intake.Intake;
import dev.tasklane.store.task.QueueReadings;
import dev.tasklane.workflows.lifecycle.TaskPriority;
import dev.tasklane.workflows.lifecycle.TaskSettings;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Works out a tenant's queue status and health from the catalog, the intake switch and the workers. */
@Singleton
public class QueueMonitor {

    /** Overrunning or long-queued tasks looked at, at most, of each. */
    private static final int RUNNING_CHECKED = 1000;

    private final QueueReadings readings;
    private final Intake intake;
    private final WorkerCensus census;
    private final HealthProperties thresholds;
    private final JsonColumns json;
    private final Clock clock;

    public QueueMonitor(QueueReadings readings, Intake intake, WorkerCensus census, HealthProperties thresholds,
                        JsonColumns json, Clock clock) {
        this.readings = readings;
        this.intake = intake;
        this.census = census;
        this.thresholds = thresholds;
        this.json = json;
        this.clock = clock;
    }

    public QueueStatus status(String tenant) {
        Map<TaskPriority, Map<TaskStatus, Long>> counts = readings.unfinished(tenant);
        Map<String, QueueStatus.Counts> byPriority = new LinkedHashMap<>();
        long scheduled = 0;
        long queued = 0;
        long waiting = 0;
        long running = 0;
        for (TaskPriority priority : TaskPriority.values()) {
            Map<TaskStatus, Long> of = counts.getOrDefault(priority, Map.of());
            QueueStatus.Counts these = new QueueStatus.Counts(of.getOrDefault(TaskStatus.SCHEDULED, 0L),
                    of.getOrDefault(TaskStatus.QUEUED, 0L), of.getOrDefault(TaskStatus.WAITING, 0L),
                    of.getOrDefault(TaskStatus.RUNNING, 0L) + of.getOrDefault(TaskStatus.RETRYING, 0L)
                            + of.getOrDefault(TaskStatus.AWAITING_APPROVAL, 0L));
            byPriority.put(priority.name(), these);
            scheduled += these.scheduled();
            queued += these.queued();
            waiting += these.waiting();
            running += these.running();
        }
        Double oldest = readings.oldestQueued(tenant)
                .map(at -> Duration.between(at, clock.instant()).toMillis() / 1000.0).orElse(null);
        return new QueueStatus(intake.state().paused(), byPriority, scheduled, queued, waiting, running, oldest,
                census.count());
    }

    public QueueHealth health(String tenant) {
        Instant now = clock.instant();
        List<QueueHealth.Alert> alerts = new ArrayList<>();
        failureRate(tenant, now).ifPresent(alerts::add);
        boolean paused = intake.state().paused();
        if (paused) {
            alerts.add(new QueueHealth.Alert("intake-paused", QueueHealth.DEGRADED,
                    "intake is paused: new tasks wait until an operator resumes it", null, null));
        } else {
            oldestQueued(tenant, now).ifPresent(alerts::add);
        }
        overrunning(tenant, now).ifPresent(alerts::add);
        WorkerCensus.Workers workers = census.count();
        if (workers.noneSeen()) {
            alerts.add(new QueueHealth.Alert("workers", QueueHealth.UNHEALTHY, "no worker is taking tasks", 0.0,
                    null));
        } else {
            workers.queues().stream().filter(queue -> Integer.valueOf(0).equals(queue.pollers())).forEach(queue ->
                    alerts.add(new QueueHealth.Alert("unserved-queue", QueueHealth.DEGRADED, "no worker polls task queue "
                            + queue.name() + ": its tasks (" + String.join(", ", queue.taskTypes()) + ") wait", 0.0,
                            null)));
        }
        String status = alerts.stream().anyMatch(a -> a.severity().equals(QueueHealth.UNHEALTHY))
                ? QueueHealth.UNHEALTHY : alerts.isEmpty() ? QueueHealth.HEALTHY : QueueHealth.DEGRADED;
        return new QueueHealth(status, alerts, now);
    }

    private Optional<QueueHealth.Alert> failureRate(String tenant, Instant now) {
        Map<TaskStatus, Long> finished = readings.finishedSince(tenant, now.minus(thresholds.failureWindow()));
        long total = finished.values().stream().mapToLong(Long::longValue).sum();
        if (total < thresholds.minimumFinished()) {
            return Optional.empty();
        }
        long failed = finished.getOrDefault(TaskStatus.FAILED, 0L) + finished.getOrDefault(TaskStatus.TIMED_OUT, 0L);
        double rate = (double) failed / total;
        boolean unhealthy = rate >= thresholds.failureRateUnhealthy();
        if (!unhealthy && rate < thresholds.failureRateDegraded()) {
            return Optional.empty();
        }
        return Optional.of(new QueueHealth.Alert("failure-rate", unhealthy ? QueueHealth.UNHEALTHY : QueueHealth.DEGRADED,
                failed + " of " + total + " tasks that ended in the last " + minutes(thresholds.failureWindow())
                        + " failed or timed out", rate,
                unhealthy ? thresholds.failureRateUnhealthy() : thresholds.failureRateDegraded()));
    }

    private Optional<QueueHealth.Alert> oldestQueued(String tenant, Instant now) {
        return readings.oldestQueued(tenant).flatMap(at -> {
            Duration waited = Duration.between(at, now);
            boolean unhealthy = waited.compareTo(thresholds.queuedAgeUnhealthy()) >= 0;
            if (!unhealthy && waited.compareTo(thresholds.queuedAgeDegraded()) < 0) {
                return Optional.empty();
            }
            Duration limit = unhealthy ? thresholds.queuedAgeUnhealthy() : thresholds.queuedAgeDegraded();
            return Optional.of(new QueueHealth.Alert("oldest-queued", unhealthy ? QueueHealth.UNHEALTHY
                    : QueueHealth.DEGRADED, "the oldest queued task has waited " + waited.toSeconds() + " s",
                    (double) waited.toSeconds(), (double) limit.toSeconds()));
        });
    }

    private Optional<QueueHealth.Alert> overrunning(String tenant, Instant now) {
        List<String> over = overrunningTasks(tenant, now).stream().map(StuckTask::id).toList();
        if (over.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new QueueHealth.Alert("overrunning", QueueHealth.DEGRADED, over.size() + " tasks run past"
                + " their expected time (their timeout, or " + minutes(thresholds.expectedRunTime()) + "), such as "
                + String.join(", ", over.subList(0, Math.min(3, over.size()))), (double) over.size(), 0.0));
    }

    /** Tasks that look stuck: running past their expected time, or queued longer than the degraded wait. */
    public List<StuckTask> stuck(String tenant) {
        Instant now = clock.instant();
        List<StuckTask> stuck = new ArrayList<>(overrunningTasks(tenant, now));
        Duration limit = thresholds.queuedAgeDegraded();
        for (QueueReadings.Waiting task : readings.queuedSince(tenant, now.minus(limit), RUNNING_CHECKED)) {
            stuck.add(new StuckTask(task.id(), task.type(), StuckTask.QUEUED_TOO_LONG, task.createdAt(),
                    seconds(Duration.between(task.createdAt(), now)), seconds(limit)));
        }
        return stuck;
    }

    private List<StuckTask> overrunningTasks(String tenant, Instant now) {
        List<StuckTask> over = new ArrayList<>();
        for (QueueReadings.Running task : readings.runningSince(tenant, now, RUNNING_CHECKED)) {
            Long timeout = json.read(task.settingsJson(), TaskSettings.class).timeoutSeconds();
            Duration expected = timeout == null ? thresholds.expectedRunTime() : Duration.ofSeconds(timeout);
            if (task.startedAt().plus(expected).isBefore(now)) {
                over.add(new StuckTask(task.id(), task.type(), StuckTask.OVERRUNNING, task.startedAt(),
                        seconds(Duration.between(task.startedAt(), now)), seconds(expected)));
            }
        }
        return over;
    }

    private static double seconds(Duration span) {
        return span.toMillis() / 1000.0;
    }

    private static String minutes(Duration span) {
        return span.toMinutes() + " min";
    }
}
