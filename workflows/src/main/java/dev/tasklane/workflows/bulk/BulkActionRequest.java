package dev.tasklane.workflows.bulk;

import dev.tasklane.workflows.lifecycle.PayloadField;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/**
 * The {@code bulk-action} payload: what to do to every task matching a filter, on behalf of the roles its submitter
 * held. Only {@code POST /api/tasks/bulk} makes it.
 *
 * @param action      cancel, retry or delete
 * @param type        only tasks of this type; null: any
 * @param status      only tasks in this status; null: every status the action applies to
 * @param createdFrom only tasks submitted at or after this; null: any
 * @param createdTo   only tasks submitted before this; null: any
 * @param roles       the submitter's roles when it was made, which every task's action is checked against
 */
@Serdeable
public record BulkActionRequest(
        @PayloadField(value = "cancel, retry or delete.", required = true) String action,
        @PayloadField("Only tasks of this type.") String type,
        @PayloadField("Only tasks in this status.") String status,
        @PayloadField("Only tasks submitted at or after this instant.") Instant createdFrom,
        @PayloadField("Only tasks submitted before this instant.") Instant createdTo,
        @PayloadField("The submitter's roles.") List<String> roles) {

    public static final String CANCEL = "cancel";
    public static final String RETRY = "retry";
    public static final String DELETE = "delete";
}
