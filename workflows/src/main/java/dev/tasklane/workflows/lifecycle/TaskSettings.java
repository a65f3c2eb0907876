package dev.tasklane.workflows.lifecycle;

/**
 * Per-task execution settings every task workflow receives beside its own request.
 *
 * @param retry          the retry policy for the task's activities
 * @param timeoutSeconds bound on the whole task once it starts running, or null for none
 */
public record TaskSettings(RetrySettings retry, Long timeoutSeconds) {

    public TaskSettings {
        retry = retry == null ? RetrySettings.DEFAULT : retry;
    }
}
