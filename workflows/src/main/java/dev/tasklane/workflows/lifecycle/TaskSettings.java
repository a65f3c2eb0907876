package dev.tasklane.workflows.lifecycle;

import io.micronaut.serde.annotation.Serdeable;

/**
 * Per-task execution settings every task workflow receives beside its own request.
 *
 * @param retry          the retry policy for the task's activities
 * @param timeoutSeconds bound on the whole task once it starts running, or null for none
 * @param callback       where its final state goes when it ends, or null
 */
@Serdeable
public record TaskSettings(RetrySettings retry, Long timeoutSeconds, TaskCallback callback) {

    public TaskSettings {
        retry = retry == null ? RetrySettings.DEFAULT : retry;
    }

    /** Settings without a callback. */
    public TaskSettings(RetrySettings retry, Long timeoutSeconds) {
        this(retry, timeoutSeconds, null);
    }
}
