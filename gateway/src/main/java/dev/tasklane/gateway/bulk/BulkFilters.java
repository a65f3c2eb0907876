package dev.tasklane.gateway.bulk;

import dev.tasklane.gateway.security.Caller;
import dev.tasklane.store.task.TaskCatalog;
import dev.tasklane.workflows.bulk.BulkActionRequest;
import dev.tasklane.workflows.lifecycle.TaskStatus;

import java.util.List;

/** The tasks a bulk action acts on: its filter, within what its submitter sees, in the states its action applies to. */
final class BulkFilters {

    private BulkFilters() {
    }

    /** The states {@code action} applies to. */
    static List<TaskStatus> statusesOf(String action) {
        return switch (action) {
            case BulkActionRequest.CANCEL -> TaskStatus.unfinished();
            case BulkActionRequest.RETRY -> List.of(TaskStatus.FAILED, TaskStatus.CANCELLED, TaskStatus.TIMED_OUT);
            default -> TaskStatus.finished();
        };
    }

    /** What {@code request} of {@code caller} matches, never the bulk task {@code exceptId} itself. */
    static TaskCatalog.Matching matching(BulkActionRequest request, Caller caller, String exceptId) {
        List<TaskStatus> statuses = request.status() == null ? statusesOf(request.action())
                : List.of(TaskStatus.valueOf(request.status()));
        return new TaskCatalog.Matching(caller.tenant(), caller.ownerScope(), request.type(), statuses,
                request.createdFrom(), request.createdTo(), exceptId);
    }
}
