package dev.tasklane.workflows.webhook;

import dev.tasklane.workflows.lifecycle.LifecycleEvent;
import dev.tasklane.workflows.lifecycle.TaskLifecycleActivities;
import dev.tasklane.workflows.lifecycle.TaskStatus;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps the lifecycle events a workflow records, so tests can read them back in order. */
final class RecordingLifecycle implements TaskLifecycleActivities {

    final List<LifecycleEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void recordLifecycle(LifecycleEvent event) {
        events.add(event);
    }

    List<TaskStatus> statuses() {
        return events.stream().map(LifecycleEvent::status).toList();
    }
}
