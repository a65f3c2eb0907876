package dev.tasklane.workflows.lifecycle;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps the lifecycle and progress events a workflow records, so tests can read them back in order. */
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

    public List<TaskStatus> statuses() {
        return events.stream().map(LifecycleEvent::status).toList();
    }
}
