package dev.tasklane.store.event;

import dev.tasklane.store.JsonColumns;
import dev.tasklane.store.notification.NotificationRow;
import dev.tasklane.store.notification.Notifications;
import dev.tasklane.store.task.TaskHeader;
import dev.tasklane.store.task.TaskRepository;
import dev.tasklane.store.task.WorkflowRuns;
import dev.tasklane.workflows.lifecycle.TaskProgress;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
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
 * Applies task changes: moves the catalog row and appends the event in one transaction, then publishes each event it
 * appended to this process as a {@link TaskEventAppended}. A change the task's status does not allow writes nothing.
 * The row follows one Temporal run: a change from another run is applied only when Temporal says that run is the
 * latest (the workflow was reset), which first takes the row over and records the task running again; a change from a
 * run left behind writes nothing.
 */
@Singleton
public class TaskEventLog {

    private static final Set<TaskStatus> NOT_STARTED = Set.of(TaskStatus.SCHEDULED, TaskStatus.QUEUED,
            TaskStatus.WAITING);
    private static final String RUNNING_AGAIN = "running again: the workflow was reset in Temporal";

    private final TaskRepository tasks;
    private final TaskEventRepository events;
    private final JsonColumns json;
    private final TransactionOperations<Connection> transactions;
    private final Notifications notifications;
    private final ApplicationEventPublisher<TaskEventAppended> appended;
    private final BeanProvider<WorkflowRuns> runs;
    private final Clock clock;

    public TaskEventLog(TaskRepository tasks, TaskEventRepository events, JsonColumns json,
                        TransactionOperations<Connection> transactions, Notifications notifications,
                        ApplicationEventPublisher<TaskEventAppended> appended, BeanProvider<WorkflowRuns> runs,
                        Clock clock) {
        this.tasks = tasks;
        this.events = events;
        this.json = json;
        this.transactions = transactions;
        this.notifications = notifications;
        this.appended = appended;
        this.runs = runs;
        this.clock = clock;
    }

    /** Applies {@code change}; returns the appended event, or empty when the task is unknown or past it. */
    public Optional<TaskEventRow> append(TaskChange change) {
        Applied first = transactions.executeWrite(status -> applyInTransaction(change, false));
        Applied applied = first.fromAnotherRun() && runs.get().isLatest(change.taskId(), change.runId())
                ? transactions.executeWrite(status -> applyInTransaction(change, true))
                : first;
        applied.takeOver().ifPresent(event -> appended.publishEvent(new TaskEventAppended(event, applied.startedAt())));
        applied.event().ifPresent(event -> appended.publishEvent(new TaskEventAppended(event, applied.startedAt())));
        return applied.event();
    }

    /**
     * What applying a change did: the event it appended, the event of taking the row over for its run, whether it was
     * held back for coming from a run other than the row's, which Temporal must first confirm as the latest, and when
     * the task had started running.
     */
    private record Applied(Optional<TaskEventRow> event, Optional<TaskEventRow> takeOver, boolean fromAnotherRun,
                           @Nullable Instant startedAt) {
        static final Applied NOTHING = new Applied(Optional.empty(), Optional.empty(), false, null);
    }

    private Applied applyInTransaction(TaskChange change, boolean latestRun) {
        Optional<TaskHeader> current = tasks.findHeaderById(change.taskId());
        if (current.isEmpty()) {
            return Applied.NOTHING;
        }
        TaskHeader row = current.get();
        // without a Temporal client to ask which run is the latest, the row follows no run
        boolean anotherRun = change.runId() != null && row.runId() != null && !change.runId().equals(row.runId())
                && runs.isPresent();
        if (anotherRun && !latestRun) {
            return new Applied(Optional.empty(), Optional.empty(), true, null);
        }
        Optional<TaskEventRow> takenOver = Optional.empty();
        if (anotherRun) {
            takenOver = takeOver(change, row);
            if (takenOver.isEmpty()) {
                return Applied.NOTHING;
            }
            row = tasks.findHeaderById(change.taskId()).orElseThrow();
        }
        return new Applied(applyToRow(change, row), takenOver, false, row.startedAt());
    }

    /** Hands the row to the change's run and records the task running again; empty when another change did first. */
    private Optional<TaskEventRow> takeOver(TaskChange change, TaskHeader row) {
        TaskProgress restarted = TaskProgress.NONE.withMessage(RUNNING_AGAIN);
        String progressJson = json.write(restarted);
        if (tasks.takeOver(change.taskId(), change.runId(), row.runId(), restarted.percent(), progressJson) == 0) {
            return Optional.empty();
        }
        return Optional.of(events.save(new TaskEventRow(null, row.tenant(), row.owner(), change.taskId(), row.type(),
                TaskEventType.TASK_STARTED, clock.instant().truncatedTo(ChronoUnit.MICROS), TaskStatus.RUNNING,
                progressJson, RUNNING_AGAIN, json.write(new RunTakeOver(row.runId(), change.runId())))));
    }

    /**
     * The {@code data} of the event that records a reset: the run the task leaves and the one it follows now.
     *
     * @param previousRunId the run the catalog row followed
     * @param runId         the new run, which follows from here
     */
    @Serdeable
    public record RunTakeOver(String previousRunId, String runId) {
    }

    private Optional<TaskEventRow> applyToRow(TaskChange change, TaskHeader row) {
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
                change.status().isTerminal() ? now : null, change.runId());
        if (changed == 0) {
            return Optional.empty();
        }
        TaskEventRow event = new TaskEventRow(null, row.tenant(), row.owner(), change.taskId(), row.type(),
                change.eventType(), now, change.status(), progressJson == null ? row.progressJson() : progressJson,
                change.message(), json.write(change.data()));
        if (change.status().isTerminal()) {
            notifications.save(NotificationRow.about(row.tenant(), row.owner(), change.taskId(), row.type(),
                    change.status(), change.message(), now));
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
