package dev.tasklane.activities.progress;

import dev.tasklane.activities.store.TaskChange;
import dev.tasklane.activities.store.TaskEventLog;
import dev.tasklane.activities.store.TaskEventType;
import dev.tasklane.workflows.lifecycle.TaskProgress;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
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
     * less than the event interval ago; a new step or a full bar is always recorded.
     */
    public void report(TaskProgress progress, @Nullable Object checkpoint) {
        ActivityExecutionContext context = heartbeat(checkpoint);
        String taskId = context.getInfo().getWorkflowId();
        if (due(taskId, progress)) {
            log.append(TaskChange.progress(taskId, TaskStatus.RUNNING, TaskEventType.PROGRESS_UPDATE, progress,
                    progress.message(), null, context.getInfo().getAttempt()));
        }
    }

    /** Heartbeats and records an event now, unthrottled: for moments every client must see, such as each attempt. */
    public void record(TaskStatus status, TaskEventType type, TaskProgress progress, String message,
                       @Nullable Object data) {
        ActivityExecutionContext context = heartbeat(null);
        String taskId = context.getInfo().getWorkflowId();
        markEmitted(taskId, progress);
        log.append(TaskChange.progress(taskId, status, type, progress, message, data, context.getInfo().getAttempt()));
    }

    /** Tells Temporal the activity is alive, with an optional checkpoint to resume from after a crash. */
    private ActivityExecutionContext heartbeat(@Nullable Object checkpoint) {
        ActivityExecutionContext context = Activity.getExecutionContext();
        context.heartbeat(checkpoint);
        return context;
    }

    private boolean due(String taskId, TaskProgress progress) {
        long now = System.nanoTime();
        synchronized (lastEmitted) {
            Emitted last = lastEmitted.get(taskId);
            boolean due = last == null
                    || now - last.atNanos >= intervalNanos
                    || !Objects.equals(last.step, progress.step())
                    || (progress.percent() != null && progress.percent() >= 100.0);
            if (due) {
                lastEmitted.put(taskId, new Emitted(now, progress.step()));
            }
            return due;
        }
    }

    private void markEmitted(String taskId, TaskProgress progress) {
        synchronized (lastEmitted) {
            lastEmitted.put(taskId, new Emitted(System.nanoTime(), progress.step()));
        }
    }

    private record Emitted(long atNanos, String step) {
    }
}
