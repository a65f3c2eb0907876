package dev.tasklane.workflows.lifecycle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Keeps the lifecycle and progress events a workflow records, so tests can read them back in order, and counts the
 * tasks running under each limit's key in memory (concurrency only; the store's rates have their own tests).
 */
public final class RecordingLifecycle implements TaskLifecycleActivities {

    public final List<LifecycleEvent> events = new CopyOnWriteArrayList<>();
    public final List<TaskProgress> progress = new CopyOnWriteArrayList<>();
    /** Whether intake is open, as {@link #intakeOpen()} answers it. */
    public volatile boolean open = true;

    @Override
    public void recordLifecycle(LifecycleEvent event) {
        events.add(event);
    }

    @Override
    public void recordProgress(String taskId, TaskProgress progress) {
        this.progress.add(progress);
    }

    /** The reminders the workflow sent, in order. */
    public final List<String> reminders = new CopyOnWriteArrayList<>();

    @Override
    public void remind(String taskId, String message) {
        reminders.add(message);
    }

    @Override
    public int attemptsMade(String taskId) {
        return 0;
    }

    @Override
    public boolean intakeOpen() {
        return open;
    }

    @Override
    public boolean startIfIntakeOpen(LifecycleEvent started) {
        if (open) {
            recordLifecycle(started);
        }
        return open;
    }

    private final Map<String, Set<String>> holders = new HashMap<>();
    private final List<String> waiting = new ArrayList<>();

    @Override
    public synchronized TaskStart.Outcome startWithinLimits(TaskStart start) {
        if (!open) {
            return TaskStart.Outcome.INTAKE_PAUSED;
        }
        String id = start.started().taskId();
        for (TaskLimit limit : start.limits()) {
            Set<String> held = holders.getOrDefault(limit.key(), Set.of());
            if (!held.contains(id) && held.size() >= limit.concurrency()) {
                if (!waiting.contains(id)) {
                    waiting.add(id);
                }
                if (!start.waiting()) {
                    recordLifecycle(new LifecycleEvent(id, TaskStatus.WAITING, "waiting", TaskProgress.NONE, null, null));
                }
                return new TaskStart.Outcome(false, limit.key() + ": " + held.size() + " running", null);
            }
        }
        start.limits().forEach(limit -> holders.computeIfAbsent(limit.key(), key -> new HashSet<>()).add(id));
        waiting.remove(id);
        recordLifecycle(start.started());
        return TaskStart.Outcome.STARTED;
    }

    @Override
    public synchronized List<String> releaseLimits(String taskId, List<TaskLimit> limits) {
        limits.forEach(limit -> holders.getOrDefault(limit.key(), new HashSet<>()).remove(taskId));
        waiting.remove(taskId);
        return waiting.isEmpty() ? List.of() : List.of(waiting.get(0));
    }

    public List<TaskStatus> statuses() {
        return events.stream().map(LifecycleEvent::status).toList();
    }
}
