package dev.tasklane.activities.lifecycle;

import dev.tasklane.store.event.TaskChange;
import dev.tasklane.store.event.TaskEventLog;
import dev.tasklane.store.event.TaskEventType;
import dev.tasklane.store.flow.FlowSlots;
import dev.tasklane.store.intake.Intake;
import dev.tasklane.store.notification.NotificationRow;
import dev.tasklane.store.notification.Notifications;
import dev.tasklane.store.task.TaskRepository;
import dev.tasklane.store.task.TaskRow;
import dev.tasklane.workflows.lifecycle.LifecycleEvent;
import dev.tasklane.workflows.lifecycle.TaskLifecycleActivities;
import dev.tasklane.workflows.lifecycle.TaskLimit;
import dev.tasklane.workflows.lifecycle.TaskProgress;
import dev.tasklane.workflows.lifecycle.TaskStart;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.temporal.activity.Activity;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Writes the workflows' lifecycle events to the catalog and event log, and takes and gives back their limits' room. */
@Singleton
public class TaskLifecycleActivitiesImpl implements TaskLifecycleActivities {

    private final TaskEventLog log;
    private final Intake intake;
    private final TaskRepository tasks;
    private final FlowSlots slots;
    private final Notifications notifications;
    private final Clock clock;

    public TaskLifecycleActivitiesImpl(TaskEventLog log, Intake intake, TaskRepository tasks, FlowSlots slots,
                                       Notifications notifications, Clock clock) {
        this.log = log;
        this.intake = intake;
        this.tasks = tasks;
        this.slots = slots;
        this.notifications = notifications;
        this.clock = clock;
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
    public void remind(String taskId, String message) {
        tasks.findById(taskId).ifPresent(task -> notifications.save(NotificationRow.about(task.tenant(), task.owner(),
                task.id(), task.type(), task.status(), message, clock.instant())));
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

    @Override
    public TaskStart.Outcome startWithinLimits(TaskStart start) {
        if (!intake.isOpen()) {
            return TaskStart.Outcome.INTAKE_PAUSED;
        }
        if (!start.limits().isEmpty()) {
            LifecycleEvent started = start.started();
            Instant now = clock.instant();
            FlowSlots.Outcome room = slots.take(started.taskId(), start.limits(), start.priorityKey(), now);
            if (!room.taken()) {
                if (!start.waiting()) {
                    String why = "waiting for room: " + room.waitingFor();
                    recordLifecycle(new LifecycleEvent(started.taskId(), TaskStatus.WAITING, why,
                            started.progress().withMessage(why), null, null));
                }
                Long retry = room.askAgainAt() == null ? null
                        : Math.max(0, Duration.between(now, room.askAgainAt()).toMillis());
                return new TaskStart.Outcome(false, room.waitingFor(), retry);
            }
        }
        recordLifecycle(start.started());
        return TaskStart.Outcome.STARTED;
    }

    @Override
    public List<String> releaseLimits(String taskId, List<TaskLimit> limits) {
        return slots.release(taskId, limits, clock.instant());
    }
}
