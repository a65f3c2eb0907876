package dev.tasklane.activities.lifecycle;

import dev.tasklane.store.event.TaskChange;
import dev.tasklane.store.event.TaskEventLog;
import dev.tasklane.store.event.TaskEventType;
import dev.tasklane.store.intake.Intake;
import dev.tasklane.store.task.TaskRepository;
import dev.tasklane.store.task.TaskRow;
import dev.tasklane.workflows.lifecycle.LifecycleEvent;
import dev.tasklane.workflows.lifecycle.TaskLifecycleActivities;
import dev.tasklane.workflows.lifecycle.TaskProgress;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.temporal.activity.Activity;
import jakarta.inject.Singleton;

/** Writes the workflows' lifecycle events to the catalog and event log. */
@Singleton
public class TaskLifecycleActivitiesImpl implements TaskLifecycleActivities {

    private final TaskEventLog log;
    private final Intake intake;
    private final TaskRepository tasks;

    public TaskLifecycleActivitiesImpl(TaskEventLog log, Intake intake, TaskRepository tasks) {
        this.log = log;
        this.intake = intake;
        this.tasks = tasks;
    }

    @Override
    public void recordLifecycle(LifecycleEvent event) {
        TaskEventType type = TaskEventType.ofLifecycle(event.status());
        // a task that starts runs its first attempt: counted here, so its activities need not write to say so
        Integer attempt = type == TaskEventType.TASK_STARTED ? 1 : null;
        log.append(new TaskChange(event.taskId(), type, event.status(), event.progress(), event.message(), null,
                attempt, event.result(), event.error(), runId()));
    }

    @Override
    public void recordProgress(String taskId, TaskProgress progress) {
        log.append(TaskChange.progress(taskId, TaskStatus.RUNNING, TaskEventType.PROGRESS_UPDATE, progress,
                progress.message(), null, null, runId()));
    }

    /** The run of the workflow calling this local activity, which its changes come from. */
    private static String runId() {
        return Activity.getExecutionContext().getInfo().getRunId();
    }

    @Override
    public int attemptsMade(String taskId) {
        return tasks.findById(taskId).map(TaskRow::attempt).orElse(0);
    }

    @Override
    public boolean intakeOpen() {
        return intake.isOpen();
    }

    @Override
    public boolean startIfIntakeOpen(LifecycleEvent started) {
        if (!intake.isOpen()) {
            return false;
        }
        recordLifecycle(started);
        return true;
    }
}
