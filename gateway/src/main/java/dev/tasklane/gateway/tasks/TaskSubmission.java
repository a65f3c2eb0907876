package dev.tasklane.gateway.tasks;

import dev.tasklane.workflows.lifecycle.PayloadField;
import dev.tasklane.workflows.lifecycle.TaskLimit;

import java.util.List;

/**
 * The body of {@code POST /api/tasks}. It is never bound directly: {@link SubmissionReader} checks the JSON
 * against these fields first, so every fault is named.
 */
public record TaskSubmission(
        @PayloadField(value = "Task type: one of GET /api/task-types.", required = true) String type,
        @PayloadField(value = "The task type's input; its fields are listed by GET /api/task-types.", required = true)
        Object payload,
        @PayloadField(PRIORITY) String priority,
        @PayloadField("ISO-8601 instant to start at, such as 2030-01-01T09:00:00Z; omit to run now.") String runAt,
        @PayloadField("Makes a repeated submission return the first task instead of a new one (max 200 chars).")
        String idempotencyKey,
        @PayloadField("Retry policy for the task's attempts.") RetryInput retry,
        @PayloadField("Seconds the whole task may run once started, 1-604800.") Long timeoutSeconds,
        @PayloadField("Where the task's final state is posted when it ends, under webhook delivery's rules.")
        String callbackUrl,
        @PayloadField(value = "Signs the callback like a webhook delivery's secret.", sensitive = true)
        String callbackSecret,
        @PayloadField(LIMITS) List<TaskLimit> limits) {

    /** The description of a submission's limits. */
    public static final String LIMITS = "Up to 5 limits the task waits for before it starts, WAITING, besides those "
            + "its type has: each names a key and how many tasks with that key may run at once or start per period.";

    /** The description of a submission's priority. */
    public static final String PRIORITY = "CRITICAL, HIGH, NORMAL (default), LOW or BACKGROUND; URGENT means CRITICAL.";

    /** Fields the typed endpoint {@code POST /api/tasks/{type}} also accepts beside the payload's own. */
    public static final List<String> TYPED_ENDPOINT_OPTIONS = List.of("priority", "runAt", "callbackUrl",
            "callbackSecret");
}
