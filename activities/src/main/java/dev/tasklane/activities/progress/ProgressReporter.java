package dev.tasklane.activities.progress;

import dev.tasklane.store.event.TaskChange;
import dev.tasklane.store.event.TaskEventLog;
import dev.tasklane.store.event.TaskEventType;
import dev.tasklane.workflows.lifecycle.TaskProgress;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The one way activities report progress: a heartbeat to Temporal (liveness, cancellation, checkpoint)
 * and an event in the log, throttled per task so a tight loop does not flood the store. Call it from
 * inside an activity; a cancelled task makes it throw {@link io.temporal.client.ActivityCompletionException}.
 */
@Singleton
public class ProgressReporter {

    private static final int TRACKED_TASKS = 10_000;

    private final TaskEventLog log;
    private final long intervalNanos;
    private final Map<String, Emitted> lastEmitted = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Emitted> eldest) {
            return size() > TRACKED_TASKS;
        }
    };

    public ProgressReporter(TaskEventLog log, @Value("${tasklane.progress.event-interval:250ms}") Duration interval) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
    }

    /**
     * Heartbeats {@code checkpoint} and records {@code progress} unless an event for this task was recorded
     * less than the event interval ago; a new step, a new attempt or a full bar is always recorded.
     */
    public void report(TaskProgress progress, @Nullable Object checkpoint) {
        ActivityExecutionContext context = heartbeat(checkpoint);
        String taskId = context.getInfo().getWorkflowId();
        int attempt = context.getInfo().getAttempt();
        if (due(taskId, progress, attempt)) {
            log.append(TaskChange.progress(taskId, TaskStatus.RUNNING, TaskEventType.PROGRESS_UPDATE, progress,
                    progress.message(), null, attempt, context.getInfo().getRunId()));
        }
    }

    /** Heartbeats and records an event now, unthrottled: for moments every client must see, such as each attempt. */
    public void record(TaskStatus status, TaskEventType type, TaskProgress progress, String message,
                       @Nullable Object data) {
        ActivityExecutionContext context = heartbeat(null);
        String taskId = context.getInfo().getWorkflowId();
        int attempt = context.getInfo().getAttempt();
        synchronized (lastEmitted) {
            Emitted last = lastEmitted.get(taskId);
            lastEmitted.put(taskId, new Emitted(System.nanoTime(), progress.step(), attempt,
                    type == TaskEventType.TASK_RETRYING ? attempt : retriedBefore(last)));
        }
        log.append(TaskChange.progress(taskId, status, type, progress, message, data, attempt,
                context.getInfo().getRunId()));
    }

    /**
     * Records that the failed attempt {@code attempt} will be retried, with {@code message} saying why, unless the
     * activity already recorded that retry itself. The task keeps its progress with the message as its line.
     */
    public void recordRetry(ActivityInfo attempt, String message, String error) {
        String taskId = attempt.getWorkflowId();
        int number = attempt.getAttempt();
        synchronized (lastEmitted) {
            Emitted last = lastEmitted.get(taskId);
            if (last != null && last.retriedAttempt == number) {
                return;
            }
            lastEmitted.put(taskId, new Emitted(System.nanoTime(), last == null ? null : last.step, number, number));
        }
        log.append(new TaskChange(taskId, TaskEventType.TASK_RETRYING, TaskStatus.RETRYING, null, message,
                new FailedAttempt(number, error), number, null, null, attempt.getRunId()));
    }

    /** Tells Temporal the activity is alive, with an optional checkpoint to resume from after a crash. */
    private ActivityExecutionContext heartbeat(@Nullable Object checkpoint) {
        ActivityExecutionContext context = Activity.getExecutionContext();
        context.heartbeat(checkpoint);
        return context;
    }

    private boolean due(String taskId, TaskProgress progress, int attempt) {
        long now = System.nanoTime();
        synchronized (lastEmitted) {
            Emitted last = lastEmitted.get(taskId);
            boolean due = last == null
                    || now - last.atNanos >= intervalNanos
                    || !Objects.equals(last.step, progress.step())
                    || last.attempt != attempt
                    || (progress.percent() != null && progress.percent() >= 100.0);
            if (due) {
                lastEmitted.put(taskId, new Emitted(now, progress.step(), attempt, retriedBefore(last)));
            }
            return due;
        }
    }

    private static int retriedBefore(@Nullable Emitted last) {
        return last == null ? 0 : last.retriedAttempt;
    }

    /**
     * What was last recorded for a task: when, in which step and attempt, and the last attempt whose retry was
     * recorded (0 for none).
     */
    private record Emitted(long atNanos, String step, int attempt, int retriedAttempt) {
    }

    /**
     * Why an attempt failed, as recorded in a {@code task_retrying} event's data.
     *
     * @param attempt 1-based number of the attempt that failed
     * @param error   why it failed
     */
    @Serdeable
    public record FailedAttempt(int attempt, String error) {
    }
}
