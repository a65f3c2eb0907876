package dev.tasklane.gateway.bulk;

import dev.tasklane.gateway.problem.ProblemException;
import dev.tasklane.gateway.problem.ProblemType;
import dev.tasklane.gateway.security.Caller;
import dev.tasklane.gateway.tasks.TaskControl;
import dev.tasklane.store.task.TaskCatalog;
import dev.tasklane.store.task.TaskRepository;
import dev.tasklane.store.task.TaskRow;
import dev.tasklane.workflows.bulk.BulkActionActivities;
import dev.tasklane.workflows.bulk.BulkActionPage;
import dev.tasklane.workflows.bulk.BulkActionRequest;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Applies a bulk action a page at a time through the same task control a single cancel, retry or delete goes
 * through, as the bulk task's owner with the roles they held when they submitted it.
 */
@Singleton
public class BulkActivitiesImpl implements BulkActionActivities {

    /** Tasks one page acts on. */
    static final int PAGE = 100;

    private final TaskRepository tasks;
    private final TaskCatalog catalog;
    private final TaskControl control;

    public BulkActivitiesImpl(TaskRepository tasks, TaskCatalog catalog, TaskControl control) {
        this.tasks = tasks;
        this.catalog = catalog;
        this.control = control;
    }

    @Override
    public long countMatching(String bulkTaskId, BulkActionRequest request) {
        return catalog.count(BulkFilters.matching(request, submitter(bulkTaskId, request), bulkTaskId));
    }

    @Override
    public BulkActionPage applyPage(String bulkTaskId, BulkActionRequest request, String cursor) {
        Caller caller = submitter(bulkTaskId, request);
        TaskCatalog.Page page = catalog.list(BulkFilters.matching(request, caller, bulkTaskId),
                cursor == null ? null : TaskCatalog.Cursor.decode(cursor).orElseThrow(), PAGE);
        int applied = 0;
        int skipped = 0;
        List<String> errors = new ArrayList<>();
        for (TaskRow task : page.items()) {
            try {
                switch (request.action()) {
                    case BulkActionRequest.CANCEL -> control.cancel(task.id(), caller);
                    case BulkActionRequest.RETRY -> control.retry(task.id(), caller);
                    default -> control.delete(task.id(), caller);
                }
                applied++;
            } catch (ProblemException refused) {
                if (refused.type() == ProblemType.TASK_STATE_CONFLICT || refused.type() == ProblemType.TASK_NOT_FOUND) {
                    skipped++;
                } else {
                    errors.add(task.id() + ": " + refused.getMessage());
                }
            }
        }
        return new BulkActionPage(applied, skipped, errors, page.nextCursor());
    }

    /** Who submitted the bulk task: its owner in its tenant, with the roles they held then. */
    private Caller submitter(String bulkTaskId, BulkActionRequest request) {
        TaskRow bulk = tasks.findById(bulkTaskId).orElseThrow(() -> new IllegalStateException("bulk task "
                + bulkTaskId + " is not in the catalog"));
        return new Caller(bulk.owner(), bulk.tenant(), Set.copyOf(request.roles()));
    }
}
