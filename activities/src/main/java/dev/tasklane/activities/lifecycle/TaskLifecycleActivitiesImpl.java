package dev.tasklane.activities.lifecycle;

import dev.tasklane.activities.queue.Intake;
import dev.tasklane.activities.store.TaskChange;
import dev.tasklane.activities.store.TaskEventLog;
import dev.tasklane.activities.store.TaskEventType;
import dev.tasklane.workflows.lifecycle.LifecycleEvent;
import dev.tasklane.workflows.lifecycle.TaskProgress;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import dev.tasklane.workflows.lifecycle.TaskLifecycleActivities;
import jakarta.inject.Singleton;

/** Writes the workflows' lifecycle events to the catalog and event log. */
@Singleton
public class TaskLifecycleActivitiesImpl implements TaskLifecycleActivities {

    private final TaskEventLog log;
    private final Intake intake;

    public TaskLifecycleActivitiesImpl(TaskEventLog log, Intake intake) {
        this.log = log;
        this.intake = intake;
    }

    @Override
    public void recordLifecycle(LifecycleEvent event) {
        log.append(new TaskChange(event.taskId(), TaskEventType.ofLifecycle(event.status()), event.status(),
                event.progress(), event.message(), null, null, event.result(), event.error()));
    }

    @Override
    public void recordProgress(String taskId, TaskProgress progress) {
        log.append(TaskChange.progress(taskId, TaskStatus.RUNNING, TaskEventType.PROGRESS_UPDATE, progress,
                progress.message(), null, null));
    }

    @Override
    public boolean intakeOpen() {
        return intake.isOpen();
    }
}
