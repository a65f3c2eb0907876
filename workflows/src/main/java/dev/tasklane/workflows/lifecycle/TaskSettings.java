package dev.tasklane.workflows.lifecycle;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * Per-task execution settings every task workflow receives beside its own request.
 *
 * @param retry          the retry policy for the task's activities
 * @param timeoutSeconds bound on the whole task once it starts running, or null for none
 * @param callback       where its final state goes when it ends, or null
 * @param limits         the limits the task waits for before it starts: in the catalog those its submission gave,
 *                       in the workflow's input every one that applies ({@link TaskLimit})
 */
@Serdeable
public record TaskSettings(RetrySettings retry, Long timeoutSeconds, TaskCallback callback, List<TaskLimit> limits) {

    public TaskSettings {
        retry = retry == null ? RetrySettings.DEFAULT : retry;
        limits = limits == null ? List.of() : List.copyOf(limits);
    }

    /** Settings without limits. */
    public TaskSettings(RetrySettings retry, Long timeoutSeconds, TaskCallback callback) {
        this(retry, timeoutSeconds, callback, List.of());
    }

    /** Settings without a callback or limits. */
    public TaskSettings(RetrySettings retry, Long timeoutSeconds) {
        this(retry, timeoutSeconds, null);
    }

    /** The same settings with {@code others} as limits. */
    public TaskSettings withLimits(List<TaskLimit> others) {
        return new TaskSettings(retry, timeoutSeconds, callback, others);
    }
}
