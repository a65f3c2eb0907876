package dev.tasklane.activities.store;

import dev.tasklane.activities.notification.Notifications;
import dev.tasklane.workflows.lifecycle.TaskProgress;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Applies task changes: moves the catalog row and appends the event in one transaction, then tells this
 * process's {@link TaskEventHub} to read it. A change the task's status does not allow writes nothing.
 */
@Singleton
public class TaskEventLog {

    private static final Set<TaskStatus> NOT_STARTED = Set.of(TaskStatus.SCHEDULED, TaskStatus.QUEUED);

    private final TaskRepository tasks;
    private final TaskEventRepository events;
    private final TaskEventHub hub;
    private final JsonColumns json;
    private final TransactionOperations<Connection> transactions;
    private final Notifications notifications;
    private final Clock clock;

    public TaskEventLog(TaskRepository tasks, TaskEventRepository events, TaskEventHub hub, JsonColumns json,
                        TransactionOperations<Connection> transactions, Notifications notifications, Clock clock) {
        this.tasks = tasks;
        this.events = events;
        this.hub = hub;
        this.json = json;
        this.transactions = transactions;
        this.notifications = notifications;
        this.clock = clock;
    }

    /** Applies {@code change}; returns the appended event, or empty when the task is unknown or past it. */
    public Optional<TaskEventRow> append(TaskChange change) {
        Optional<TaskEventRow> appended = transactions.executeWrite(status -> applyInTransaction(change));
        appended.ifPresent(event -> hub.appended());
        return appended;
    }

    private Optional<TaskEventRow> applyInTransaction(TaskChange change) {
        Optional<TaskHeader> current = tasks.findHeaderById(change.taskId());
        if (current.isEmpty()) {
            return Optional.empty();
        }
        TaskHeader row = current.get();
        // A start is recorded once: a repeat (a re-run workflow, a retried local activity) is not a new start.
        Collection<TaskStatus> from = change.eventType() == TaskEventType.TASK_STARTED
                ? NOT_STARTED : change.status().predecessors();
        if (!from.contains(row.status())) {
            return Optional.empty();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        TaskProgress progress = progressAfter(row, change);
        String progressJson = json.write(progress);
        int changed = tasks.applyChange(change.taskId(), change.status().name(), names(from), change.attempt(),
                progress == null ? null : progress.percent(), progressJson,
                json.write(change.result()), json.write(change.error()),
                change.status() == TaskStatus.RUNNING ? now : null,
                change.status().isTerminal() ? now : null);
        if (changed == 0) {
            return Optional.empty();
        }
        TaskEventRow event = new TaskEventRow(null, row.tenant(), row.owner(), change.taskId(), row.type(),
                change.eventType(), now, change.status(), progressJson == null ? row.progressJson() : progressJson,
                change.message(), json.write(change.data()));
        if (change.status().isTerminal()) {
            notifications.taskEnded(row.tenant(), row.owner(), change.taskId(), row.type(), change.status(),
                    change.message(), now);
        }
        return Optional.of(events.save(event));
    }

    /**
     * The progress a change leaves: its own, except that an ending, or a change with no progress of its own, keeps
     * the detail activities reported (counts, steps) with the change's message, and an ending closes it, with a full
     * bar for a completed task.
     */
    private TaskProgress progressAfter(TaskHeader row, TaskChange change) {
        if (row.progressJson() == null || (!change.status().isTerminal() && change.progress() != null)) {
            return change.progress();
        }
        TaskProgress reported = json.read(row.progressJson(), TaskProgress.class);
        return change.status() == TaskStatus.COMPLETED
                ? reported.finished(change.message())
                : reported.withMessage(change.message());
    }

    private static Set<String> names(Collection<TaskStatus> statuses) {
        return statuses.stream().map(Enum::name).collect(Collectors.toSet());
    }
}
