package dev.tasklane.gateway.bulk;

import dev.tasklane.workflows.lifecycle.PayloadField;

/** The body of {@code POST /api/tasks/bulk}, checked field by field before it is read. */
public record BulkSubmission(
        @PayloadField(value = "cancel (unfinished tasks), retry (FAILED, CANCELLED or TIMED_OUT ones; each runs again as"
                + " a new task) or delete (finished ones; ADMIN only).", required = true) String action,
        @PayloadField("Only tasks of this type (GET /api/task-types lists them).") String type,
        @PayloadField("Only tasks in this status, one the action applies to; every such status when left out.")
        String status,
        @PayloadField("Only tasks submitted at or after this ISO-8601 instant.") String from,
        @PayloadField("Only tasks submitted before this ISO-8601 instant.") String to,
        @PayloadField("true: only count the matching tasks, for a confirmation; nothing is done.") Boolean dryRun) {
}
