package dev.tasklane.workflows.lifecycle;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps the lifecycle events a workflow records, so tests can read them back in order. */
public final class RecordingLifecycle implements TaskLifecycleActivities {

    public final List<LifecycleEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void recordLifecycle(LifecycleEvent event) {
        events.add(event);
    }

    public List<TaskStatus> statuses() {
        return events.stream().map(LifecycleEvent::status).toList();
    }
}
