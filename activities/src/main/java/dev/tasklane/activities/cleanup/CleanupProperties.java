package dev.tasklane.activities.cleanup;

import dev.tasklane.workflows.lifecycle.TaskStatus;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * How long finished tasks are kept, per outcome, before a cleanup removes them ({@code tasklane.cleanup.*}).
 *
 * @param completedRetention a COMPLETED task's
 * @param failedRetention    a FAILED task's
 * @param cancelledRetention a CANCELLED task's
 * @param timedOutRetention  a TIMED_OUT task's
 * @param reconcileAfter     an unfinished row this old is checked against Temporal
 * @param batchSize          tasks removed per transaction
 */
@ConfigurationProperties("tasklane.cleanup")
public record CleanupProperties(@Bindable(defaultValue = "7d") Duration completedRetention,
                                @Bindable(defaultValue = "30d") Duration failedRetention,
                                @Bindable(defaultValue = "7d") Duration cancelledRetention,
                                @Bindable(defaultValue = "30d") Duration timedOutRetention,
                                @Bindable(defaultValue = "10m") Duration reconcileAfter,
                                @Bindable(defaultValue = "500") int batchSize) {

    /** The retention of a task that ended {@code status}. */
    public Duration retentionOf(TaskStatus status) {
        return switch (status) {
            case COMPLETED -> completedRetention;
            case FAILED -> failedRetention;
            case CANCELLED -> cancelledRetention;
            case TIMED_OUT -> timedOutRetention;
            default -> throw new IllegalArgumentException(status + " is not a final status");
        };
    }
}
