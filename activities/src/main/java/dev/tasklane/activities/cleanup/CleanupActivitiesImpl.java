package dev.tasklane.activities.cleanup;

import dev.tasklane.activities.lifecycle.CallingTask;
import dev.tasklane.activities.progress.ProgressReporter;
import dev.tasklane.activities.schedule.OperationsScope;
import dev.tasklane.store.task.TaskReconciler;
import dev.tasklane.store.task.TaskRepository;
import dev.tasklane.store.task.TaskRow;
import dev.tasklane.workflows.cleanup.CleanupActivities;
import dev.tasklane.workflows.cleanup.CleanupRequest;
import dev.tasklane.workflows.cleanup.CleanupResult;
import dev.tasklane.workflows.lifecycle.TaskProgress;
import dev.tasklane.workflows.lifecycle.TaskStatus;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * First sets right the unfinished rows whose workflows were closed outside Tasklane, then removes finished tasks
 * past their retention, oldest first, a batch per transaction, reporting progress (and so heartbeating) after each.
 */
@Singleton
public class CleanupActivitiesImpl implements CleanupActivities {

    private final CleanupStore store;
    private final CleanupProperties properties;
    private final TaskRepository tasks;
    private final CallingTask callingTask;
    private final OperationsScope scope;
    private final TaskReconciler reconciler;
    private final ProgressReporter progress;
    private final Clock clock;

    public CleanupActivitiesImpl(CleanupStore store, CleanupProperties properties, TaskRepository tasks,
                                 CallingTask callingTask, OperationsScope scope, TaskReconciler reconciler, ProgressReporter progress,
                                 Clock clock) {
        this.store = store;
        this.properties = properties;
        this.tasks = tasks;
        this.callingTask = callingTask;
        this.scope = scope;
        this.reconciler = reconciler;
        this.progress = progress;
        this.clock = clock;
    }

    @Override
    public CleanupResult clean(CleanupRequest request) {
        TaskRow self = callingTask.row();
        String taskId = self.id();
        String tenant = scope.tenantOf(self);
        boolean allTenants = tenant == null;
        Instant now = clock.instant();

        long reconciled = reconcile(tenant, now.minus(properties.reconcileAfter()));
        Map<String, Long> deletedByStatus = new LinkedHashMap<>();
        long deleted = 0;
        long events = 0;
        for (TaskStatus status : TaskStatus.finished()) {
            Duration retention = request.maxAgeHours() == null ? properties.retentionOf(status)
                    : Duration.ofHours(request.maxAgeHours());
            long ofStatus = 0;
            List<String> batch;
            while (!(batch = store.endedBefore(status, now.minus(retention), tenant, taskId,
                    properties.batchSize())).isEmpty()) {
                events += store.delete(batch);
                ofStatus += batch.size();
                deleted += batch.size();
                report("removed " + deleted + " finished tasks (" + status + " now), set " + reconciled + " right",
                        deleted);
            }
            deletedByStatus.put(status.name(), ofStatus);
        }
        return new CleanupResult(deleted, deletedByStatus, events, reconciled, allTenants, false);
    }

    /** Checks old unfinished rows against Temporal, page by page; returns how many it set right. */
    private long reconcile(String tenant, Instant createdBefore) {
        long fixed = 0;
        long checked = 0;
        String after = "";
        List<String> page;
        while (!(page = store.unfinishedBefore(createdBefore, tenant, after, properties.batchSize())).isEmpty()) {
            // one read for the page; a row removed since is skipped
            for (TaskRow row : tasks.findByIdIn(page)) {
                if (reconciler.reconcile(row).status().isTerminal()) {
                    fixed++;
                }
                // each Temporal check may take a while: report (and so heartbeat) after every one, throttled
                report("checked " + ++checked + " unfinished tasks against Temporal, set " + fixed + " right", 0);
            }
            after = page.get(page.size() - 1);
        }
        return fixed;
    }

    private void report(String message, long processed) {
        progress.report(new TaskProgress(null, processed, null, message, "cleanup", List.of(), null), null);
    }
}
